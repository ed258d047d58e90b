import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/shield/addressKey.js';

describe('addressKey', () => {
  it('keys an IPv6 address by its /64, in RFC 5952 text, however it is spelt', () => {
    expect(addressKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', 64)).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::1', 64)).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF', 64)).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:0:0:1::1', 64)).toBe('2001:db8::/64');
    expect(addressKey('::1', 64)).toBe('::/64');
    // RFC 5952 §4.2.2: a single zero group is not compressed.
    expect(addressKey('1:0:3:4:5:6:7:8', 64)).toBe('1:0:3:4::/64');
    // Another /64 is another client.
    expect(addressKey('2001:db8:1:3::1', 64)).not.toBe(addressKey('2001:db8:1:2::1', 64));
  });

  it('keeps IPv4 and IPv4-mapped IPv6 per address, in either spelling', () => {
    expect(addressKey('203.0.113.9', 64)).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9', 64)).toBe('203.0.113.9');
    expect(addressKey('::FFFF:cb00:7109', 64)).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.10', 64)).not.toBe(addressKey('::ffff:203.0.113.9', 64));
  });

  it('keys a client behind the well-known NAT64 prefix (RFC 6052) by its IPv4 address', () => {
    expect(addressKey('64:ff9b::203.0.113.9', 64)).toBe('203.0.113.9');
    expect(addressKey('64:FF9B::cb00:7109', 64)).toBe('203.0.113.9');
    expect(addressKey('64:ff9b::203.0.113.9', 128)).toBe('203.0.113.9');
    // Two IPv4 clients behind one NAT64 are two clients, though they share the /64.
    expect(addressKey('64:ff9b::198.51.100.7', 64)).not.toBe(addressKey('64:ff9b::203.0.113.9', 64));
    // Outside the /96 (RFC 8215's local-use 64:ff9b:1::/48 included) an address is keyed by its prefix as usual.
    expect(addressKey('64:ff9b:1::cb00:7109', 64)).toBe('64:ff9b:1::/64');
  });

  it('drops an IPv6 zone', () => {
    expect(addressKey('fe80::1%eth0', 64)).toBe('fe80::/64');
    expect(addressKey('fe80::1%eth0', 128)).toBe('fe80::1');
  });

  it('takes any prefix length from 0 to 128, the bare address at 128', () => {
    const address = '2001:db8:abcd:ef01:2345:6789:abcd:ef01';
    expect(addressKey(address, 128)).toBe('2001:db8:abcd:ef01:2345:6789:abcd:ef01');
    expect(addressKey('2001:0DB8::0001', 128)).toBe('2001:db8::1');
    expect(addressKey(address, 112)).toBe('2001:db8:abcd:ef01:2345:6789:abcd:0/112');
    expect(addressKey(address, 57)).toBe('2001:db8:abcd:ef00::/57');
    expect(addressKey(address, 56)).toBe('2001:db8:abcd:ef00::/56');
    expect(addressKey(address, 48)).toBe('2001:db8:abcd::/48');
    expect(addressKey(address, 32)).toBe('2001:db8::/32');
    expect(addressKey(address, 0)).toBe('::/0');
    for (const bad of [-1, 129, 64.5, Number.NaN]) expect(() => addressKey(address, bad)).toThrow(RangeError);
  });

  it('leaves anything that is not an address as it is', () => {
    expect(addressKey('unknown', 64)).toBe('unknown');
  });
});
