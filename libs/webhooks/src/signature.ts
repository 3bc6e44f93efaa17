import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new company secret: 32 random bytes, hex. */
export const newCompanySecret = (): string => randomBytes(32).toString('hex');

/** One signature: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The `X-Forensics-Signature` value: one signature per secret in use, comma-separated. After a
 * rotation the new secret signs first and the previous one also signs for a grace period, so a
 * receiver that still holds the old secret keeps verifying until it is updated.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => signatureOf(secret, timestamp, body)).join(',');
}

/** What a receiver does: recompute the signature and compare it, in constant time, with each one in the header. */
export function verifySignature(secret: string, timestamp: number, body: string, header: string): boolean {
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  return header.split(',').some((part) => {
    const given = Buffer.from(part.trim());
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
