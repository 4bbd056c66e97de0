import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so {a,b} and {b,a} hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface CacheKeyInput {
  /** Whose cache this is (user id, or project id for shared project caches): never shared across tenants. */
  tenant: string;
  taskType: string;
  /** The routed model (or "auto" route signature): a different model is a different answer. */
  route: string;
  /** Every message, system prompt included. */
  messages: unknown[];
  /** Sampling parameters, tools, response format… anything that changes the answer. */
  params?: Record<string, unknown>;
}

/** SHA-256 of the normalized request, scoped to the tenant. */
export function cacheKey(input: CacheKeyInput): string {
  return createHash("sha256")
    .update(canonical({ v: 1, ...input }))
    .digest("hex");
}
