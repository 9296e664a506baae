// The editor's <input type="datetime-local"> holds a wall-clock time in the site's time zone;
// the database holds UTC ISO strings. These two functions convert between them.
export const SITE_TIME_ZONE = 'Europe/Amsterdam';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - utcMs;
}

/** "2026-12-01T09:30" in the site's zone -> ISO UTC; undefined when it is no real time. */
export function localInputToIso(value: string, timeZone = SITE_TIME_ZONE): string | undefined {
  const m = LOCAL.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s ?? 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59) {
    return undefined;
  }
  // Two passes settle the offset around a daylight-saving change.
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc).toISOString();
}

/** ISO UTC -> the value a datetime-local input shows in the site's zone. */
export function isoToLocalInput(iso: string | null, timeZone = SITE_TIME_ZONE): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + offsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
