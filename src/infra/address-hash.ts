// Network addresses are never stored raw (AVG/GDPR). We keep a keyed hash whose key
// changes every UTC day: within a day the same address gives the same hash (enough for
// rate limits and ballot-stuffing checks), across days nothing can be linked.
import { createHmac } from 'node:crypto';

export function dayOf(date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

export function hashAddress(secret: string, address: string, date = new Date()): string {
  return createHmac('sha256', `${secret}|address|${dayOf(date)}`)
    .update(address)
    .digest('base64url')
    .slice(0, 22);
}
