import { type LookupAddress, lookup } from "node:dns";
import { BlockList, isIP } from "node:net";
import { PagewiseError } from "@pagewise/core";

/**
 * Where webhooks may call: http(s) URLs whose host resolves only to public addresses. The API
 * checks a URL when it is saved; the worker checks again at every delivery, inside the
 * connection's own DNS lookup (`guardedLookup`), so a name that resolved to a public address
 * then and to 127.0.0.1 now (DNS rebinding) is refused. Shared by the API (producer) and the
 * worker (consumer) of `webhook.deliver`, hence here beside the job catalog.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
  ["2001:db8::", 32], // documentation
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address an IPv6 one carries (`::ffff:10.0.0.1`, NAT64 `64:ff9b::a00:1`), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] ?? null;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = Number.parseInt(hex[1] ?? "0", 16);
  const low = Number.parseInt(hex[2] ?? "0", 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** True for loopback, private, link-local, multicast and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return blocked.check(v4, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true; // not an address at all: refuse
}

function notAllowed(url: string, why: string): PagewiseError {
  return new PagewiseError("webhook_url_not_allowed", `Webhooks cannot call ${url}: ${why}.`, {
    url,
  });
}

/** The URL parsed, when it is http(s) without credentials; throws `webhook_url_not_allowed`. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw notAllowed(raw, "it is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw notAllowed(raw, "only http and https URLs are allowed");
  }
  if (url.username || url.password) throw notAllowed(raw, "credentials in the URL are refused");
  return url;
}

function hostOf(url: URL): string {
  // `new URL` keeps IPv6 literals in brackets.
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * Check a webhook URL: http(s), and (unless `allowPrivate`) its host resolves only to public
 * addresses — every address, since a client may connect to any of them. Throws
 * `webhook_url_not_allowed` (422) otherwise, also when the name does not resolve.
 */
export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate: boolean },
): Promise<URL> {
  const url = parseWebhookUrl(raw);
  if (options.allowPrivate) return url;
  const host = hostOf(url);
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw notAllowed(raw, `${host} is not a public address`);
    return url;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(host, { all: true, verbatim: true }, (err, found) =>
      err ? reject(err) : resolve(found),
    ),
  ).catch(() => {
    throw notAllowed(raw, `${host} does not resolve`);
  });
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (addresses.length === 0 || bad) {
    throw notAllowed(raw, `${host} resolves to ${bad?.address ?? "nothing"}, not a public address`);
  }
  return url;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request`: resolves as usual, and fails the connection when any address
 * of the name is not public (unless `allowPrivate`). The check is made on the very addresses
 * the connection then uses. (Node skips `lookup` for IP literals: check those with
 * `checkWebhookUrl` first.)
 */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: LookupCallback,
  ): void => {
    lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (!allowPrivate && (bad || addresses.length === 0)) {
        const error: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to ${bad?.address ?? "nothing"}, not a public address`,
        );
        error.code = "WEBHOOK_URL_NOT_ALLOWED";
        return callback(error, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}
