// Network addresses are never stored raw (AVG/GDPR). We keep a keyed hash whose key
// changes every UTC day: within a day the same address gives the same hash (enough for
// rate limits and ballot-stuffing checks), across days nothing can be linked.
//
// Every grade and comment hashes its address, so the HMAC (RFC 2104) is computed with two
// one-shot SHA-256 calls over the day's key, padded once per day and secret, instead of
// setting up a keyed HMAC object per request. The result is the same HMAC-SHA-256.
import { createHash, hash } from 'node:crypto';

const BLOCK = 64;

export function dayOf(date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

interface DayKey {
  secret: string;
  day: string;
  inner: Buffer;
  outer: Buffer;
}

let current: DayKey | undefined;

function padded(key: Buffer, pad: number): Buffer {
  const block = Buffer.alloc(BLOCK, pad);
  for (let i = 0; i < key.length; i++) block[i]! ^= key[i]!;
  return block;
}

function dayKey(secret: string, day: string): DayKey {
  if (current?.secret === secret && current.day === day) return current;
  let key = Buffer.from(`${secret}|address|${day}`);
  if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
  current = { secret, day, inner: padded(key, 0x36), outer: padded(key, 0x5c) };
  return current;
}

export function hashAddress(secret: string, address: string, date = new Date()): string {
  const { inner, outer } = dayKey(secret, dayOf(date));
  const innerDigest = hash('sha256', Buffer.concat([inner, Buffer.from(address)]), 'buffer');
  return hash('sha256', Buffer.concat([outer, innerDigest]), 'base64url').slice(0, 22);
}
