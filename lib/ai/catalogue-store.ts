import "server-only";
import type { Db } from "@/db/client";
import { aiModels, type AiModelRow } from "@/db/schema";
import type { Capability, ModelInfo, ProviderId, QualityTier } from "./catalogue";

export type CatalogueEntry = ModelInfo & {
  enabled: boolean;
  source: "default" | "custom" | "edited";
};

export function fromRow(r: AiModelRow): ModelInfo {
  return {
    id: r.id,
    provider: r.provider as ProviderId,
    inputPerMTok: r.inputPerMTok,
    outputPerMTok: r.outputPerMTok,
    contextWindow: r.contextWindow,
    capabilities: r.capabilities as Capability[],
    quality: r.quality as QualityTier,
    latency: r.latency as 1 | 2 | 3,
  };
}

/** Shipped models overlaid with the admin's rows (edits replace, new ids add, disabled stay listed). */
export function mergeCatalogue(defaults: ModelInfo[], rows: AiModelRow[]): CatalogueEntry[] {
  const byId = new Map<string, CatalogueEntry>(
    defaults.map((m) => [m.id, { ...m, enabled: true, source: "default" }]),
  );
  for (const r of rows)
    byId.set(r.id, {
      ...fromRow(r),
      enabled: r.enabled,
      source: byId.has(r.id) ? "edited" : "custom",
    });
  return [...byId.values()];
}

/**
 * The catalogue the router uses, read from the database at most every few seconds (admins edit it
 * rarely; every request reads it). Edits through the admin service call `invalidate()`, so this
 * process sees them at once; other processes within `ttlMs`.
 */
export class CatalogueStore {
  private cached?: { at: number; models: CatalogueEntry[] };
  private loading?: Promise<CatalogueEntry[]>;

  constructor(
    private readonly defaults: ModelInfo[],
    private readonly db: () => Promise<Db>,
    private readonly now: () => number,
    private readonly ttlMs = 5_000,
  ) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async all(): Promise<CatalogueEntry[]> {
    if (this.cached && this.now() - this.cached.at <= this.ttlMs) return this.cached.models;
    this.loading ??= (async () => {
      try {
        const rows = await (await this.db()).select().from(aiModels);
        const models = mergeCatalogue(this.defaults, rows);
        this.cached = { at: this.now(), models };
        return models;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  async enabled(): Promise<ModelInfo[]> {
    return (await this.all()).filter((m) => m.enabled);
  }
}
