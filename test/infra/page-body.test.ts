import { describe, expect, it } from 'vitest';
import { EncodedText, encodeBody, fillBody } from '../../src/infra/cache/page-body.js';
import { FORM_TOKEN_PLACEHOLDER } from '../../src/infra/form-token.js';

const token = Buffer.from('tok.en');

describe('page bodies', () => {
  it('fills the token of the moment into every placeholder, in kept parts too', () => {
    const kept = new EncodedText(`<form>${FORM_TOKEN_PLACEHOLDER}</form><p>één</p>`);
    const body = encodeBody([kept, `<i>${FORM_TOKEN_PLACEHOLDER}</i>`, kept], { etag: false });
    const text = fillBody(body, token).toString();
    expect(text).toBe('<form>tok.en</form><p>één</p><i>tok.en</i><form>tok.en</form><p>één</p>');
    expect(body.slots).toBe(3);
    expect(body.length + body.slots * token.length).toBe(Buffer.byteLength(text));
    expect(fillBody(encodeBody('plain', { etag: false }), token).toString()).toBe('plain');
  });

  it('gives the same validator for the same page and another for any change', () => {
    const shell = new EncodedText('<main>');
    const etag = (middle: string, kept = shell) =>
      encodeBody([kept, middle, new EncodedText('</main>')], { etag: true }).etag;
    expect(etag('<p>6,9</p>')).toBe(etag('<p>6,9</p>'));
    expect(etag('<p>7,0</p>')).not.toBe(etag('<p>6,9</p>'));
    expect(etag('<p>6,9</p>', new EncodedText('<main class="x">'))).not.toBe(etag('<p>6,9</p>'));
    // The token is not part of the validator: it changes every second on its own.
    expect(encodeBody(`a${FORM_TOKEN_PLACEHOLDER}b`, { etag: true }).etag).toMatch(/^W\/"/);
    expect(encodeBody('ab', { etag: true }).etag).not.toBe(
      encodeBody(`a${FORM_TOKEN_PLACEHOLDER}b`, { etag: true }).etag,
    );
  });
});
