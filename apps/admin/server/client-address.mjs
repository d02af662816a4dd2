// The client's address as the admin's /api proxy passes it on (X-Forwarded-For), decided from the
// socket, never from what a client wrote in its own X-Forwarded-For (issue #22).
import { BlockList, isIP } from 'node:net';

const NAMED_RANGES = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `::ffff:10.0.0.1` -> `10.0.0.1`, `[::1]` -> `::1`; anything else as is. */
export function normalizeAddress(address) {
  let value = String(address ?? '').trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return mapped ? mapped[1] : value;
}

/**
 * ADMIN_TRUST_PROXY: comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal; `true`
 * means loopback) of the proxies in front of the admin whose X-Forwarded-For is believed. Empty:
 * nobody (the socket's address is the client). Throws an Error naming the bad entries.
 */
export function parseTrustList(text) {
  const raw = String(text ?? '')
    .trim()
    .toLowerCase();
  const list = new BlockList();
  if (raw === '' || raw === 'false' || raw === '0') return { list, empty: true };
  const entries =
    raw === 'true' || raw === '1'
      ? ['loopback']
      : raw
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean);
  const bad = [];
  for (const entry of entries.flatMap((entry) => NAMED_RANGES[entry] ?? [entry])) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!family || rest.length || !/^\d{1,3}$/.test(String(bits)) || bits > (family === 4 ? 32 : 128)) {
      bad.push(entry);
      continue;
    }
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  if (bad.length)
    throw new Error(`ADMIN_TRUST_PROXY: not an IP address, a CIDR range, loopback, linklocal or uniquelocal: ${bad.join(', ')}`);
  return { list, empty: false };
}

function trusted(trust, address) {
  const family = isIP(address);
  return !trust.empty && family !== 0 && trust.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: the socket's peer, unless the peer is a trusted proxy, in which case the
 * X-Forwarded-For it sent is walked from the right (the entry its own peer wrote) while the hops
 * are trusted. Entries a client wrote before the first untrusted hop are never used.
 */
export function clientAddress(peer, forwardedFor, trust) {
  let current = normalizeAddress(peer);
  const hops = String(forwardedFor ?? '')
    .split(',')
    .map(normalizeAddress)
    .filter(Boolean)
    .reverse();
  for (const hop of hops) {
    if (!trusted(trust, current) || !isIP(hop)) break;
    current = hop;
  }
  return current;
}
