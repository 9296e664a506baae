// The keyed daily address hash is HMAC-SHA-256 (RFC 2104) however it is computed: checked
// against node:crypto's own HMAC, for short and long secrets and across days.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dayOf, hashAddress } from '../../src/infra/address-hash.js';

function reference(secret: string, address: string, date: Date): string {
  return createHmac('sha256', `${secret}|address|${dayOf(date)}`)
    .update(address)
    .digest('base64url')
    .slice(0, 22);
}

describe('address hash', () => {
  const secrets = ['s'.repeat(32), 'é'.repeat(40), 'k'.repeat(90)];
  const addresses = ['203.0.113.9', '::1', '2001:db8::ff00:42:8329', '10.0.0.2'];
  const days = [new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T23:59:59Z')];

  it('equals the HMAC-SHA-256 of the address under the day key', () => {
    for (const secret of secrets) {
      for (const address of addresses) {
        for (const date of days) {
          expect(hashAddress(secret, address, date)).toBe(reference(secret, address, date));
        }
      }
    }
  });

  it('is the same within a day and differs across days and secrets', () => {
    const [secret] = secrets as [string];
    const a = hashAddress(secret, '203.0.113.9', new Date('2026-01-01T01:00:00Z'));
    expect(hashAddress(secret, '203.0.113.9', new Date('2026-01-01T22:00:00Z'))).toBe(a);
    expect(hashAddress(secret, '203.0.113.9', new Date('2026-01-02T01:00:00Z'))).not.toBe(a);
    expect(hashAddress('t'.repeat(32), '203.0.113.9', new Date('2026-01-01T01:00:00Z'))).not.toBe(
      a,
    );
    expect(a).toHaveLength(22);
  });
});
