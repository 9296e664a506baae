// Numbers and dates through Intl, per locale: "6,9" in nl, "6.9" in en.
import { memoizeByString } from '../infra/cache/memo.js';
import type { Locale } from './messages/index.js';

const intlLocale: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

export interface Formatters {
  /** A number with exactly `decimals` decimals, e.g. a mean grade. */
  decimal(value: number, decimals?: number): string;
  integer(value: number): string;
  /** "27 november 2026" / "27 November 2026". */
  longDate(iso: string): string;
  /** Date and time, for comments and the back office. */
  dateTime(iso: string): string;
  /** ISO date for <time datetime>. */
  isoDate(iso: string): string;
}

const cache = new Map<Locale, Formatters>();

export function formattersFor(locale: Locale, timeZone = 'Europe/Amsterdam'): Formatters {
  const hit = cache.get(locale);
  if (hit) return hit;
  const tag = intlLocale[locale];
  const decimals = new Map<number, Intl.NumberFormat>();
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const longDate = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone });
  const dateTime = new Intl.DateTimeFormat(tag, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
  // Intl formatting is slow next to everything else on a page, and pages show the same
  // grades, counts, publication and comment times over and over: each answer is kept.
  const decimalOf = memoizeByString((key) => {
    const [digits, value] = key.split(':').map(Number) as [number, number];
    let nf = decimals.get(digits);
    if (!nf) {
      nf = new Intl.NumberFormat(tag, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      decimals.set(digits, nf);
    }
    return nf.format(value);
  });
  const integerOf = memoizeByString((value) => integer.format(Number(value)));
  const f: Formatters = {
    decimal: (value, n = 1) => decimalOf(`${n}:${value}`),
    integer: (value) => integerOf(String(value)),
    longDate: memoizeByString((iso) => longDate.format(new Date(iso))),
    dateTime: memoizeByString((iso) => dateTime.format(new Date(iso))),
    isoDate: memoizeByString((iso) => new Date(iso).toISOString()),
  };
  cache.set(locale, f);
  return f;
}
