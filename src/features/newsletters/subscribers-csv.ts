// Subscribers as CSV (RFC 4180). Every field is quoted; a field that a spreadsheet would
// read as a formula (= + - @, tab, carriage return) gets a leading apostrophe.
import type { SubscriberRow } from './newsletters.repository.js';

export function csvField(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function subscribersCsv(rows: SubscriberRow[]): string {
  const header = ['email', 'state', 'subscribed_at', 'confirmed_at', 'consent_at', 'consent_text'];
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) {
    lines.push(
      [r.email, r.state, r.created_at, r.confirmed_at, r.consent_at, r.consent_text]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
