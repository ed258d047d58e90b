import { z } from 'zod';

/** What a lift names, checked at the edge (route and CLI): an address, a key as listed (an IPv6 prefix, `2001:db8:1:2::/64`), or `unknown`. */
export const liftTarget = z.ipv4().or(z.ipv6()).or(z.cidrv6()).or(z.literal('unknown'));
