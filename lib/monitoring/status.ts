import "server-only";
import { sql } from "drizzle-orm";
import { listModels } from "../ai/list-models";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { cacheCheck, HEALTH_TIMEOUT_MS, withTimeout } from "./health";
import { SystemStatusOutput, type ProviderState } from "./schemas";

const CIRCUITS = ["closed", "open", "half_open"] as const;

/**
 * What the dashboard shows as system status, for any signed-in user: the database (probed now,
 * bounded by the health timeout), the response cache and every AI provider with its circuit, its
 * models' own circuits that are not closed, and its routable models. Admins also get the cache's
 * numbers and, for a provider that is missing, how to add it; nobody gets hosts, keys or driver
 * messages.
 */
export async function getSystemStatus({ ctx }: { ctx: Ctx }): Promise<SystemStatusOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const admin = actor.role === "admin";
  const started = performance.now();
  const database: SystemStatusOutput["database"] = {
    status: "ok",
    engine: ctx.env.databaseUrl ? "postgres" : "pglite",
  };
  try {
    await withTimeout(ctx.db.execute(sql`select 1`), HEALTH_TIMEOUT_MS);
    database.latencyMs = Math.round((performance.now() - started) * 10) / 10;
  } catch (err) {
    ctx.log.error({ err }, "system status: database probe failed");
    database.status = "error";
  }
  const cache: SystemStatusOutput["cache"] = { status: cacheCheck(ctx.cache).status };
  if (admin) {
    const { entries, hitRate } = ctx.cache.stats();
    Object.assign(cache, { entries, hitRate });
  }
  // Bounded too: a catalogue read that hangs makes the panel say so instead of never loading.
  const { models, providers } = await withTimeout(listModels({ ctx }), HEALTH_TIMEOUT_MS);
  const states: ProviderState[] = providers.map((p) => ({
    id: p.id,
    label: p.label,
    configured: p.configured,
    circuit: CIRCUITS.find((c) => c === p.circuit) ?? "closed",
    modelCircuits: p.modelCircuits,
    models: models.filter((m) => m.provider === p.id).length,
    ...(admin && !p.configured && { setup: p.setup }),
  }));
  return SystemStatusOutput.parse({ database, cache, providers: states });
}
