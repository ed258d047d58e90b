import net from 'node:net';

/**
 * The key the shield counts, caps and blocks a client by. An IPv4 address is its own key
 * (`203.0.113.9`), and so is an IPv4-mapped IPv6 one, however spelt (`::ffff:203.0.113.9`,
 * `::ffff:cb00:7109`), or one translated by NAT64 (`64:ff9b::203.0.113.9`). An IPv6 address stands for its first `ipv6Prefix` bits, as RFC 5952
 * text with the length (`2001:db8:1:2::/64`; the bare address at 128), its zone dropped:
 * one client holds a whole /64 (RFC 6177, RFC 4941 privacy addresses) and could otherwise
 * take a fresh address for each try. Anything else (`unknown`) is its own key.
 */
export function addressKey(address: string, ipv6Prefix: number): string {
  if (!Number.isInteger(ipv6Prefix) || ipv6Prefix < 0 || ipv6Prefix > 128) throw new RangeError(`an IPv6 prefix is 0 to 128 bits, not ${ipv6Prefix}`);
  if (net.isIP(address) !== 6) return address;
  const groups = ipv6Groups(address.replace(/%.*$/, ''));
  // RFC 4291 §2.5.5.2: ::ffff:0:0/96 is an IPv4 client. So is RFC 6052 §2.1's well-known
  // NAT64 prefix 64:ff9b::/96, and each of the IPv4 clients behind it is one client, not one /64.
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (mapped || nat64) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  const masked = groups.map((group, index) => group & (0xffff << (16 - Math.min(Math.max(ipv6Prefix - 16 * index, 0), 16))) & 0xffff);
  // The WHATWG URL serializer writes RFC 5952 §4 text: lower case, no leading zeros, the first longest run of zeros as `::`.
  const text = new URL(`http://[${masked.map((group) => group.toString(16)).join(':')}]/`).hostname.slice(1, -1);
  return ipv6Prefix === 128 ? text : `${text}/${ipv6Prefix}`;
}

/** The eight 16-bit groups of a valid IPv6 address without zone (`::ffff:192.0.2.1` included). */
function ipv6Groups(address: string): number[] {
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((group) => group.toString(16)).join(':'),
  );
  const [head = '', tail] = text.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = groupsOf(head);
  if (tail === undefined) return left;
  const right = groupsOf(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
