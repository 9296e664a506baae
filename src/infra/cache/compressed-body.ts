// A stored page, compressed once (the first time a reader asks for it compressed), that
// still carries the form token of the second it is sent in.
//
// gzip: each piece between the token slots is compressed on its own as raw deflate and
// ends byte-aligned (a sync flush), so the token can go between them as a stored block of
// its own — deflate's uncompressed block — without compressing anything per response.
// A fresh compressor per piece never refers back into a token, so whatever token fills a
// slot, the stream decodes right. The gzip trailer holds the CRC-32 of the whole text; it
// is made once per token (once a second), not per response.
//
// Brotli cannot take bytes spliced into its stream, so only pages without a form token
// (feeds, sitemaps, JSON) are offered in Brotli; pages with forms go out in gzip.
import zlib from 'node:zlib';
import { memoizeByString } from './memo.js';
import { type EncodedBody, TOKEN_SLOT } from './page-body.js';

export type Encoding = 'br' | 'gzip';

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final stored block: ends the deflate stream after the last piece. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

export interface CompressedBody {
  encoding: Encoding;
  /** The compressed bytes in order, with TOKEN_SLOT where a stored block with the token goes. */
  pieces: Buffer[];
  /** Bytes without the token blocks and the trailer. */
  length: number;
  slots: number;
  /** The uncompressed body, for the trailer's CRC (gzip). */
  plain: EncodedBody;
  /** What is sent for the last token seen (gzip): made once a second, not per response. */
  forToken?: { token: Buffer; pieces: Buffer[] };
}

/** The body in this encoding, or undefined when the encoding cannot carry it. */
export function compressBody(body: EncodedBody, encoding: Encoding): CompressedBody | undefined {
  if (encoding === 'br') {
    if (body.slots > 0) return undefined;
    const plain = Buffer.concat(body.pieces, body.length);
    const bytes = zlib.brotliCompressSync(plain, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
      },
    });
    return { encoding, pieces: [bytes], length: bytes.length, slots: 0, plain: body };
  }
  const pieces: Buffer[] = [GZIP_HEADER];
  for (const piece of body.pieces) {
    if (piece === TOKEN_SLOT) pieces.push(TOKEN_SLOT);
    else pieces.push(zlib.deflateRawSync(piece, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  pieces.push(FINAL_BLOCK);
  let length = 0;
  for (const piece of pieces) if (piece !== TOKEN_SLOT) length += piece.length;
  return { encoding, pieces, length, slots: body.slots, plain: body };
}

/** The bytes to send, in order, for this token (one write each, no copy of the page). */
export function compressedPieces(body: CompressedBody, token: Buffer): Buffer[] {
  if (body.encoding === 'br') return body.pieces;
  if (body.forToken?.token === token) return body.forToken.pieces;
  const block = Buffer.alloc(5 + token.length);
  block[0] = 0x00; // not final, stored; the stream is byte-aligned after a sync flush
  block.writeUInt16LE(token.length, 1);
  block.writeUInt16LE(~token.length & 0xffff, 3);
  token.copy(block, 5);
  let crc = 0;
  for (const piece of body.plain.pieces)
    crc = zlib.crc32(piece === TOKEN_SLOT ? token : piece, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((body.plain.length + body.plain.slots * token.length) >>> 0, 4);
  const pieces = body.pieces.map((piece) => (piece === TOKEN_SLOT ? block : piece));
  pieces.push(trailer);
  body.forToken = { token, pieces };
  return pieces;
}

/** The length of what compressedPieces sends. */
export function compressedLength(body: CompressedBody, token: Buffer): number {
  if (body.encoding === 'br') return body.length;
  return body.length + body.slots * (5 + token.length) + 8;
}

/** Each encoding of a representation has a validator of its own, so caches never mix them. */
export function etagForEncoding(etag: string, encoding: Encoding | undefined): string {
  if (!encoding) return etag;
  return `${etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/**
 * The encoding to answer in: Brotli when the client takes it and the page can carry it,
 * else gzip, else none. A coding with q=0 is refused; `*` stands for any.
 */
export function preferredEncoding(
  acceptEncoding: string | string[] | undefined,
  brotliPossible: boolean,
): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (header.length > 512) return undefined;
  // Browsers send a handful of distinct headers: each is read once, not on every request.
  const { br, gzip, any } = codingsOf(header);
  if ((br || any) && brotliPossible) return 'br';
  if (gzip || any) return 'gzip';
  return undefined;
}

const codingsOf = memoizeByString((header: string) => {
  let br = false;
  let gzip = false;
  let any = false;
  for (const item of header.toLowerCase().split(',')) {
    const [name = '', ...params] = item.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip') gzip = true;
    else if (name === '*') any = true;
  }
  return { br, gzip, any };
}, 200);
