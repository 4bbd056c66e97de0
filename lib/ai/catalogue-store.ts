import "server-only";
import type { Db } from "@/db/client";
import { aiModels, type AiModelRow } from "@/db/schema";
import type { Capability, ModelInfo, ProviderId, QualityTier } from "./catalogue";
import { isInfrastructureError } from "../errors";

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
 * The catalogue the router uses, read from the database once and kept, with its enabled subset,
 * until an admin edits it: the admin service calls `invalidate()` (this process at once), and
 * the change feed does in every other process. While the feed is not live it is re-read after
 * `ttlMs`.
 */
export class CatalogueStore {
  private cached?: { at: number; models: CatalogueEntry[]; enabled: ModelInfo[] };
  private generation = 0;
  private loading?: Promise<NonNullable<CatalogueStore["cached"]>>;
  /** The last catalogue read, served while the database cannot be reached (the gateway goes on). */
  private lastGood?: NonNullable<CatalogueStore["cached"]>;

  constructor(
    private readonly defaults: ModelInfo[],
    private readonly db: () => Promise<Db>,
    private readonly now: () => number,
    private readonly ttlMs = 5_000,
    private readonly live: () => boolean = () => false,
  ) {}

  invalidate(): void {
    this.generation++;
    this.cached = undefined;
  }

  private fresh(): boolean {
    return !!this.cached && (this.live() || this.now() - this.cached.at <= this.ttlMs);
  }

  async all(): Promise<CatalogueEntry[]> {
    if (this.fresh()) return this.cached!.models;
    return (await this.load()).models;
  }

  private load(): Promise<NonNullable<CatalogueStore["cached"]>> {
    const generation = this.generation;
    this.loading ??= (async () => {
      try {
        let rows;
        try {
          rows = await (await this.db()).select().from(aiModels);
        } catch (err) {
          if (this.lastGood && isInfrastructureError(err)) return this.lastGood;
          throw err;
        }
        const models = mergeCatalogue(this.defaults, rows);
        const compiled = { at: this.now(), models, enabled: models.filter((m) => m.enabled) };
        if (generation === this.generation) this.cached = this.lastGood = compiled;
        return compiled;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  async enabled(): Promise<ModelInfo[]> {
    if (this.fresh()) return this.cached!.enabled;
    return (await this.load()).enabled;
  }
}
