import { addressKey } from './login-throttle';

describe('the address a login is counted under', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:aa:bb::1', '2001:db8:aa:bb::/64'],
    ['2001:0DB8:00aa:00bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    // Not an address (a proxy trusted too far passes on what the client wrote): counted as it is, never a crash.
    ['1:2:3:4:5:6:7:8::9', '1:2:3:4:5:6:7:8::9'],
    ['not-an-address', 'not-an-address'],
  ])('given %p, then %p', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
