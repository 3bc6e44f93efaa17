import { createHmac } from 'node:crypto';
import { newCompanySecret, signatureHeader, signatureOf, verifySignature } from './signature';

describe('webhook signature', () => {
  const secret = 'a'.repeat(64);
  const body = '{"folder_id":"f-1"}';

  it('given a secret, a timestamp and a body, then the header is sha256= and the hex HMAC of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureOf(secret, 1_700_000_000, body)).toBe(`sha256=${expected}`);
  });

  it('given a changed body, timestamp or secret, then the signature no longer verifies', () => {
    const header = signatureOf(secret, 1_700_000_000, body);
    expect(verifySignature(secret, 1_700_000_000, body, header)).toBe(true);
    expect(verifySignature(secret, 1_700_000_000, `${body} `, header)).toBe(false);
    expect(verifySignature(secret, 1_700_000_001, body, header)).toBe(false);
    expect(verifySignature('b'.repeat(64), 1_700_000_000, body, header)).toBe(false);
  });

  it('given two secrets after a rotation, then the header carries both signatures and each secret verifies it', () => {
    const previous = 'b'.repeat(64);
    const header = signatureHeader([secret, previous], 1_700_000_000, body);
    expect(header).toBe(`${signatureOf(secret, 1_700_000_000, body)},${signatureOf(previous, 1_700_000_000, body)}`);
    expect(verifySignature(secret, 1_700_000_000, body, header)).toBe(true);
    expect(verifySignature(previous, 1_700_000_000, body, header)).toBe(true);
    expect(verifySignature('c'.repeat(64), 1_700_000_000, body, header)).toBe(false);
  });

  it('new company secrets are 32 random bytes', () => {
    const [one, two] = [newCompanySecret(), newCompanySecret()];
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(one).not.toBe(two);
  });
});
