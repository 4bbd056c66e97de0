import type { FieldIssue } from "@/lib/errors";

/** An API error envelope as the UI sees it: code, message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The envelope's `details` (e.g. an import or dry-run report). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** fetch + JSON + the error envelope; same-origin, so the session cookie goes along. */
export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: {
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...rest.headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = body?.error ?? {};
    const fields: Record<string, string> = {};
    for (const f of (error.details?.fields ?? []) as FieldIssue[]) fields[f.field] ??= f.message;
    throw new ApiError(
      res.status,
      error.code ?? "internal",
      error.message ?? `Request failed (${res.status}).`,
      fields,
      error.details,
    );
  }
  return body as T;
}
