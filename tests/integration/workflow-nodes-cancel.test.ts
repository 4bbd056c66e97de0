import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { fixedDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createCtx, createServices, type Services } from "@/lib/services";
import { cancelRun, getRun, startRun } from "@/lib/workflows";
import { committedDatabase, TEST_VARS, testLog, useTestServices } from "../helpers/db";
import { projectTeam } from "../helpers/team";
import {
  chain,
  deploy,
  sleep,
  startScriptedServer,
  statuses,
  trigger,
  type Scripted,
} from "../helpers/workflow-nodes";

// Cancelling a run that a real worker (pg-boss on a committed database) is in the middle of: the
// slow step is aborted, the run ends cancelled, and nothing after it runs.
let handle: DatabaseHandle;
let server: Scripted;
let services: Services;
beforeAll(async () => {
  handle = await committedDatabase();
  server = await startScriptedServer();
  const env = parseEnv({ ...TEST_VARS, WORKFLOW_HTTP_ALLOW: "127.0.0.1" });
  services = createServices({ env, log: testLog, database: fixedDatabase(handle) });
  useTestServices(services);
});
afterAll(async () => {
  useTestServices(undefined);
  await services.close();
  await server.close();
  await handle.close();
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await sleep(50);
  }
}

describe("cancelling a running run", () => {
  it(
    "a run blocked in a slow http step ends cancelled within ~2 s; the next node never runs",
    { timeout: 60_000 },
    async () => {
      const team = await projectTeam(handle.db, `Cancel ${Date.now()}`);
      const owner = { ...(await createCtx(services, { actor: team.owner.actor })), db: handle.db };
      const id = await deploy(
        owner,
        team.project.id,
        chain(
          trigger(),
          {
            id: "slow",
            type: "http",
            config: { url: `${server.url}/hold`, timeoutMs: 60_000 },
            timeoutMs: 60_000,
          },
          { id: "after", type: "transform", config: { expression: '"ran"' } },
          { id: "out", type: "output", config: { expression: "after" } },
        ),
      );
      await services.workflows.startWorker({ embedded: false });
      const { run } = await startRun({ ctx: owner, input: { workflowId: id } });
      await until(async () => (server.hits("/hold") > 0 ? true : undefined));
      const running = await getRun({ ctx: owner, input: { runId: run.id } });
      expect(running.run.status).toBe("running");
      expect(statuses(running)).toEqual({ trigger: "succeeded", slow: "running" });

      const asked = Date.now();
      const { run: requested } = await cancelRun({ ctx: owner, input: { runId: run.id } });
      expect(requested).toMatchObject({ status: "running", cancelRequested: true });
      const done = await until(async () => {
        const r = await getRun({ ctx: owner, input: { runId: run.id } });
        return r.run.status === "cancelled" ? r : undefined;
      });
      expect(Date.now() - asked).toBeLessThan(2_500);
      expect(statuses(done)).toEqual({ trigger: "succeeded", slow: "cancelled" });
      expect(done.steps.find((s) => s.nodeId === "slow")!.error).toMatchObject({
        code: "cancelled",
      });
      expect(done.run.finishedAt).not.toBeNull();
      await until(async () => (server.holdEnded > 0 ? true : undefined), 2_000); // request aborted
      await sleep(500);
      const later = await getRun({ ctx: owner, input: { runId: run.id } });
      expect(later.steps.map((s) => s.nodeId)).toEqual(["trigger", "slow"]);
      expect(later.run.status).toBe("cancelled");
      expect(server.hits("/hold")).toBe(1);
    },
  );
});
