import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new company secret: 32 random bytes, hex. */
export const newCompanySecret = (): string => randomBytes(32).toString('hex');

/** The `X-Forensics-Signature` value: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifySignature(secret: string, timestamp: number, body: string, header: string): boolean {
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
