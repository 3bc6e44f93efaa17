import { checkTarget, isPrivateAddress } from './target-validation';

describe('webhook target validation', () => {
  const publicDns = async () => ['93.184.216.34'];

  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '198.18.0.1', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fd00::1', 'fe80::1', 'fec0::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '64:ff9b::a00:1', '2002:a00:1::1',
  ])(
    'given %s, then it is private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111'])('given %s, then it is public', (address) => expect(isPrivateAddress(address)).toBe(false));

  it('given a public https target, then it is accepted', async () => {
    expect((await checkTarget('https://hooks.example.com/x', false, publicDns)).ok).toBe(true);
  });

  it('given a scheme other than http or https, then it is refused even when private targets are allowed', async () => {
    expect(await checkTarget('ftp://hooks.example.com/x', true, publicDns)).toEqual({ ok: false, reason: 'scheme ftp: is not http or https' });
    expect((await checkTarget('not a url', true, publicDns)).ok).toBe(false);
  });

  it('given a name that resolves to a private address, then it is refused unless allowed', async () => {
    const internal = async () => ['93.184.216.34', '10.0.0.7'];
    // The reason is shown to clients: it never names the internal address, which goes to the log only.
    expect(await checkTarget('http://sneaky.example.com/', false, internal)).toEqual({ ok: false, reason: 'host sneaky.example.com resolves to a non-public address', address: '10.0.0.7' });
    expect((await checkTarget('http://sneaky.example.com/', true, internal)).ok).toBe(true);
  });

  it('given a literal loopback address (IPv4 or IPv6), then it is refused without a lookup', async () => {
    const never = async (): Promise<string[]> => {
      throw new Error('no lookup expected');
    };
    expect((await checkTarget('http://127.0.0.1:8080/hook', false, never)).ok).toBe(false);
    expect((await checkTarget('http://[::1]:8080/hook', false, never)).ok).toBe(false);
  });
});

describe('a name that does not resolve', () => {
  it('is refused for now, as a transient failure to retry', async () => {
    const nxdomain = async (): Promise<string[]> => {
      throw new Error('getaddrinfo ENOTFOUND');
    };
    expect(await checkTarget('https://gone.example.com/', false, nxdomain)).toMatchObject({ ok: false, transient: true });
  });
});
