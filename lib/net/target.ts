import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import {
  classifyAddress,
  describeVerdict,
  isAllowed,
  isIpLiteral,
  type AllowList,
} from "./address-policy";
import { untilAborted } from "./deadline";
import { SafeHttpError } from "./errors";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has; injectable so tests need no DNS. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/**
 * Parses a request or redirect URL (relative to `base` for a Location) and refuses what this
 * client never fetches: schemes other than http(s), and credentials in the URL (they would be
 * sent as Basic auth to whatever host the URL names, redirects included; use a header).
 */
export function parseTarget(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new SafeHttpError("invalid_url", `Not a valid URL: "${raw}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SafeHttpError(
      "invalid_url",
      `Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")} (${url.href}).`,
    );
  if (url.username || url.password)
    throw new SafeHttpError(
      "invalid_url",
      `The URL for ${url.hostname} carries credentials; send them in an Authorization header instead.`,
    );
  if (!url.hostname) throw new SafeHttpError("invalid_url", `The URL has no host: "${raw}".`);
  return url;
}

/** The URL's host without IPv6 brackets. */
export function bareHost(url: URL): string {
  const h = url.hostname;
  return h.startsWith("[") ? h.slice(1, -1) : h;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : String(err);
}

/**
 * Every address the URL's host stands for, each checked against the policy. One blocked
 * address refuses the whole host (unless allowed): a name with one public and one private
 * address is how rebinding attacks start. The caller connects to these addresses only.
 */
export async function resolveTarget(
  url: URL,
  opts: { allow: AllowList; lookup: Lookup; signal: AbortSignal },
): Promise<string[]> {
  const host = bareHost(url);
  let found: ResolvedAddress[];
  if (isIpLiteral(host)) found = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      found = await untilAborted(opts.lookup(host), opts.signal);
    } catch (err) {
      if (opts.signal.aborted) throw err;
      throw new SafeHttpError("network", `Could not resolve host ${host} (${errorCode(err)}).`, {
        cause: err,
      });
    }
    if (found.length === 0)
      throw new SafeHttpError("network", `Host ${host} resolved to no address.`);
  }
  const named = isIpLiteral(host) ? "" : ` for host ${host}`;
  for (const { address } of found) {
    let verdict;
    try {
      verdict = classifyAddress(address);
    } catch (err) {
      throw new SafeHttpError("network", `Host ${host} resolved to "${address}", not an IP.`, {
        cause: err,
      });
    }
    if (verdict.kind === "public" || isAllowed(host, address, opts.allow)) continue;
    const why =
      verdict.kind === "cloud metadata"
        ? "cloud metadata addresses are blocked; only a WORKFLOW_HTTP_ALLOW entry naming this exact address allows it."
        : "private and local addresses are blocked; allow it with WORKFLOW_HTTP_ALLOW.";
    throw new SafeHttpError(
      "blocked_address",
      `Refused to connect to ${describeVerdict(verdict)}${named}: ${why}`,
    );
  }
  return found.map((a) => a.address);
}
