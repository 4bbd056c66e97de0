import type { ApiKey } from "@/db/schema";
import type { ApiKeySummary } from "./schemas";

/** What the API shows of a key: never the hash. */
export function summary(k: ApiKey): ApiKeySummary {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    lastUsedAt: iso(k.lastUsedAt),
    expiresAt: iso(k.expiresAt),
    revokedAt: iso(k.revokedAt),
    createdAt: k.createdAt.toISOString(),
  };
}
