// A page's bytes, made once: the text encoded to UTF-8 and cut around each form-token
// placeholder, so that a response only splices in the token of the current second.
//
// A route may hand over its page as several parts. Parts that many views share (the
// article page around its per-view part, see features/articles/article-shell.tsx) are
// EncodedText, encoded and hashed once and reused by reference: a view then encodes and
// hashes only what it rendered itself, and stored pages share those bytes in memory.
import { createHash, type Hash } from 'node:crypto';
import { FORM_TOKEN_PLACEHOLDER } from '../form-token.js';

/** Stands for the form token among a body's pieces; recognised by identity, never sent. */
export const TOKEN_SLOT: Buffer = Buffer.alloc(0);

/** Text's pieces: its bytes, with TOKEN_SLOT where the placeholder stood. */
function piecesOf(text: string): Buffer[] {
  const parts = text.split(FORM_TOKEN_PLACEHOLDER);
  const pieces: Buffer[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) pieces.push(TOKEN_SLOT);
    const part = parts[i]!;
    if (part !== '') pieces.push(Buffer.from(part));
  }
  return pieces;
}

function hashPieces(hash: Hash, pieces: readonly Buffer[]): void {
  for (const piece of pieces) {
    if (piece === TOKEN_SLOT) hash.update('\u0000');
    else hash.update(piece);
  }
}

/** A shared part of pages, encoded and hashed once. */
export class EncodedText {
  readonly pieces: Buffer[];
  /** What the part adds to a page's validator: the hash of its bytes. */
  readonly digest: Buffer;

  constructor(text: string) {
    this.pieces = piecesOf(text);
    const hash = createHash('sha1');
    hashPieces(hash, this.pieces);
    this.digest = hash.digest();
  }
}

/** What a route renders: the page as text, or as parts some of which are kept encoded. */
export type PageBody = string | ReadonlyArray<string | EncodedText>;

export interface EncodedBody {
  /** The bytes in order, with TOKEN_SLOT for each form token. */
  pieces: Buffer[];
  /** Bytes without the tokens. */
  length: number;
  /** How many tokens the page carries. */
  slots: number;
  /**
   * The page's validator (when asked for): its bytes without the per-second form token,
   * which changes alone. A kept part counts by its digest: a view hashes only its own.
   */
  etag?: string;
}

export function encodeBody(body: PageBody, options: { etag: boolean }): EncodedBody {
  const hash = options.etag ? createHash('sha1') : undefined;
  const pieces: Buffer[] = [];
  for (const part of typeof body === 'string' ? [body] : body) {
    if (part instanceof EncodedText) {
      pieces.push(...part.pieces);
      hash?.update('\u0001').update(part.digest);
    } else {
      const own = piecesOf(part);
      pieces.push(...own);
      if (hash) hashPieces(hash, own);
    }
  }
  let length = 0;
  let slots = 0;
  for (const piece of pieces) {
    if (piece === TOKEN_SLOT) slots++;
    else length += piece.length;
  }
  const etag = hash ? `W/"${hash.digest('base64url').slice(0, 20)}"` : undefined;
  return { pieces, length, slots, etag };
}

/** The body as one buffer with `token` in each slot. */
export function fillBody(body: EncodedBody, token: Buffer): Buffer {
  if (body.slots === 0 && body.pieces.length === 1) return body.pieces[0]!;
  const filled = body.pieces.map((piece) => (piece === TOKEN_SLOT ? token : piece));
  return Buffer.concat(filled, body.length + body.slots * token.length);
}
