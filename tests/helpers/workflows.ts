import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/context";
import type { Services } from "@/lib/services";
import { advanceRun, type AdvanceDeps } from "@/lib/workflows/runtime/advance";
import { realEffects } from "@/lib/workflows/runtime/effects";
import type { RunQueue } from "@/lib/workflows/runtime/runtime";

/**
 * Runs in a test's transaction: the queue hop is replaced by advancing the run at once in this
 * process (the real worker path, advanceRun, with the real effects), so a started run has
 * finished — or is waiting — when the service call returns. Wake-ups asked for a later time
 * (delays, approval timeouts) are recorded in `woken`; `advance` runs one again.
 */
export function inlineWorkflows(services: Services, db: Db, opts: { httpAllow?: string } = {}) {
  const woken: { runId: string; at?: Date }[] = [];
  const deps: AdvanceDeps = {
    ...services.workflows.deps(db),
    enqueue: async (runId, at) => void woken.push({ runId, at }),
    effects: (ctx, run) =>
      realEffects(
        {
          ...ctx,
          env: { ...ctx.env, workflows: { ...ctx.env.workflows, httpAllow: opts.httpAllow ?? "" } },
        },
        run,
      ),
  };
  const queue: RunQueue = {
    enqueue: async (runId, at) => (at ? void woken.push({ runId, at }) : advanceRun(deps, runId)),
    advance: (runId) => advanceRun(deps, runId),
  };
  return { queue, woken, deps, with: <C extends Ctx>(ctx: C): C => ({ ...ctx, workflows: queue }) };
}

/** Polls `fn` until it gives something other than undefined (or throws after `ms`). */
export async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  ms = 30_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
