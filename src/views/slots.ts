// A page may be put together from pieces made at different times: a piece rendered once and
// kept (infra/shared-data.ts) takes the place of its marker after the page's own render.
// Markers carry a random per-process word, so no text a reader types can pose as one.
import { randomBytes } from 'node:crypto';

const nonce = randomBytes(12).toString('base64url');

/** The text standing for a piece until fillSlots puts it in. Renders as plain text. */
export function slotMarker(name: string): string {
  return `\u2063slot-${nonce}-${name}\u2063`;
}

const markers = new RegExp(`\u2063slot-${nonce}-([a-z-]+)\u2063`, 'g');

/** Puts each piece (already escaped, sanitised HTML) in place of its marker, in one pass. */
export function fillSlots(html: string, pieces: Record<string, string>): string {
  return html.replace(markers, (marker, name: string) => pieces[name] ?? marker);
}
