import "server-only";
import { buildConnector, Client } from "undici";
import { SafeHttpError } from "./errors";

/**
 * A connector that dials only the given addresses, the ones the policy checked, in order until
 * one answers. undici hands it the URL's hostname; it is replaced by an address, so no DNS lookup
 * happens between the check and the connect (no rebinding window). TLS still verifies the
 * certificate against the URL's hostname: undici derives the SNI servername from the Host.
 */
export function pinnedConnector(
  addresses: readonly string[],
  opts: { timeoutMs: number; ca?: string },
): buildConnector.connector {
  const connect = buildConnector({ timeout: opts.timeoutMs, ...(opts.ca ? { ca: opts.ca } : {}) });
  return (options, callback) => {
    const attempt = (i: number) =>
      connect({ ...options, hostname: addresses[i]! }, (err, socket) => {
        if (!err) return callback(null, socket!);
        if (i + 1 < addresses.length) return attempt(i + 1);
        callback(err, null);
      });
    attempt(0);
  };
}

export interface HopRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HopResponse {
  status: number;
  headers: Record<string, string>;
  /** Null when the response is a redirect to follow: its body is not read. */
  body: Buffer | null;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

// Destroying an unread undici body emits an "aborted" error; nobody is listening for it here.
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on("error", () => {});
  body.destroy();
}

function tooLarge(host: string, maxBytes: number): SafeHttpError {
  return new SafeHttpError(
    "too_large",
    `The response from ${host} is larger than the limit of ${maxBytes} bytes.`,
  );
}

/**
 * One request on its own connection to the checked addresses. The body is streamed and the
 * request fails as soon as it passes `maxBytes` (a declared Content-Length over it fails before
 * reading), so a huge or endless response costs at most that much memory.
 */
export async function sendHop(
  url: URL,
  addresses: readonly string[],
  req: HopRequest,
  opts: {
    maxBytes: number;
    signal: AbortSignal;
    timeoutMs: number;
    ca?: string;
    isRedirect: (status: number, headers: Record<string, string>) => boolean;
  },
): Promise<HopResponse> {
  const client = new Client(url.origin, {
    connect: pinnedConnector(addresses, opts),
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });
  try {
    const res = await client.request({
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: opts.signal,
    });
    const headers = flatten(res.headers);
    if (opts.isRedirect(res.statusCode, headers)) {
      discard(res.body);
      return { status: res.statusCode, headers, body: null };
    }
    const declared = Number(headers["content-length"] ?? NaN);
    if (declared > opts.maxBytes) {
      discard(res.body);
      throw tooLarge(url.host, opts.maxBytes);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > opts.maxBytes) throw tooLarge(url.host, opts.maxBytes);
      chunks.push(chunk);
    }
    return { status: res.statusCode, headers, body: Buffer.concat(chunks, bytes) };
  } finally {
    await client.destroy().catch(() => {});
  }
}
