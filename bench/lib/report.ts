// The bench's output: one markdown table of throughput rows and a list of other figures.

export interface ThroughputRow {
  scenario: string;
  /** Size of one response body. */
  bytes?: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  /** Requests per second divided by the plain-Node ceiling's for the same bytes. */
  ratio?: number;
  /** Server CPU time per request: comparable even when the machine is busy. */
  cpuUsPerRequest?: number;
  /** Errors or non-2xx answers during the run, shown so a broken run is not read as fast. */
  failures?: number;
}

export interface Figure {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export interface Report {
  rows: ThroughputRow[];
  figures: Figure[];
  notes: string[];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function markdown(report: Report, header: string): string {
  const lines = [
    header,
    '',
    '| scenario | bytes sent | requests/s | p50 ms | p99 ms | ratio to ceiling | server CPU µs/request |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...report.rows.map(
      (r) =>
        `| ${r.scenario}${r.failures ? ` (${r.failures} failed)` : ''} | ${
          r.bytes === undefined ? '' : fmt(r.bytes)
        } | ${fmt(r.requestsPerSec)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${
          r.ratio === undefined ? '' : `${fmt(r.ratio * 100)} %`
        } | ${r.cpuUsPerRequest === undefined ? '' : fmt(r.cpuUsPerRequest)} |`,
    ),
  ];
  if (report.figures.length > 0) {
    lines.push('', '| figure | value | target | met |', '|---|---:|---|---|');
    for (const f of report.figures) {
      lines.push(
        `| ${f.name} | ${f.value} | ${f.target ?? ''} | ${f.ok === undefined ? '' : f.ok ? 'yes' : 'NO'} |`,
      );
    }
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
