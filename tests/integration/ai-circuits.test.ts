import { createServer } from "node:net";
import { beforeAll, describe, expect } from "vitest";
import type { AiRouter } from "@/lib/ai/runtime";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { getSystemStatus } from "@/lib/monitoring/status";
import { userCtx } from "../helpers/db";
import type { Fault, FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, fresh } from "../helpers/router-calls";

/** Faults by model: every call for a model in the map answers with its fault. */
const failing = new Map<string, Fault>();
const provider = useFakeProvider({
  apiKey: "sk-test",
  faultFor: (body) => failing.get(String(body.model)),
});
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const asked = () => fake.calls.map((c) => c.body.model);
const FAILURES = 5;
const VARS = { AI_RETRIES: "0", AI_BREAKER_FAILURES: String(FAILURES), AI_TIMEOUT_MS: "5000" };
type Install = (fake: FakeProvider, vars?: Record<string, string>) => Promise<AiRouter>;

/**
 * The router under test, after one answer from each client on a router of its own: the file's
 * first calls (database reads, the AI SDK's first call) are slow enough to trip a short timeout.
 */
async function warmRouter(install: Install, ctx: () => Promise<Ctx>, vars: Record<string, string>) {
  const warm = await install(fake, VARS);
  const c = await ctx();
  await warm.complete(fresh(c), ask("warm up"));
  await warm.complete(fresh(c), ask("warm up", { model: "claude-3-5-haiku-latest" }));
  return install(fake, { ...VARS, ...vars });
}

/** A port nothing listens on (connections to it are refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** `FAILURES` auto requests whose first candidate (gpt-4o-mini) fails as `errorClass`; claude answers. */
async function failPrimary(router: AiRouter, ctx: Ctx, errorClass: string) {
  for (let i = 0; i < FAILURES; i++) {
    const r = await router.complete(fresh(ctx), ask(`failing ${errorClass} ${i}`));
    expect(r.decision).toMatchObject({
      model: "claude-3-5-haiku-latest",
      fallbacksTried: [{ model: "gpt-4o-mini", errorClass }],
    });
  }
}

const openaiStatus = async (ctx: Ctx) =>
  (await getSystemStatus({ ctx })).providers.find((p) => p.id === "openai");

// Breaker granularity (issue 14, point 7): what the endpoint answered for one model opens that
// model's circuit only; an endpoint that cannot be reached (or whose gateway says it is down)
// opens the provider's circuit, for every model on it. Status shows both levels.
describe("circuits per provider and per model", () => {
  describe.each([
    { status: 500, errorClass: "server_error" },
    { status: 502, errorClass: "server_error" },
    { status: 404, errorClass: "model_not_found" },
  ])("the endpoint answers $status for one model", ({ status, errorClass }) => {
    routerTest(
      `model A failing ${FAILURES}× opens only A's circuit; model B on the same provider is still served`,
      async ({ db, install }) => {
        const router = await install(fake, VARS);
        const ctx = await userCtx(db, { role: "admin" });
        await router.complete(fresh(ctx), ask("warm up"));
        failing.set("gpt-4o-mini", { kind: "status", status });
        try {
          await failPrimary(router, ctx, errorClass);
          fake.calls.length = 0;
          const skipped = await router.complete(fresh(ctx), ask("A is paused"));
          expect(skipped.decision.fallbacksTried).toEqual([
            { model: "gpt-4o-mini", errorClass: "circuit_open" },
          ]);
          expect(asked()).toEqual(["claude-3-5-haiku-latest"]);

          fake.calls.length = 0;
          const b = await router.complete(fresh(ctx), ask("B, please", { model: "gpt-4o" }));
          expect(b.decision).toMatchObject({ model: "gpt-4o", provider: "openai" });
          expect(b.decision.fallbacksTried).toEqual([]);
          expect(asked()).toEqual(["gpt-4o"]);

          expect(await openaiStatus(ctx)).toMatchObject({
            circuit: "closed",
            modelCircuits: [{ model: "gpt-4o-mini", circuit: "open" }],
          });
        } finally {
          failing.clear();
        }
      },
    );
  });

  describe.each([
    { name: "connection refused", errorClass: "network" },
    { name: "a gateway's 502 page", errorClass: "server_error" },
    { name: "timeouts", errorClass: "timeout" },
  ])("$name", ({ name, errorClass }) => {
    routerTest(
      `${FAILURES} failures open the provider's circuit for all its models`,
      async ({ db, install }) => {
        const refused = name === "connection refused";
        const timeouts = name === "timeouts";
        const router = await warmRouter(install, () => userCtx(db), {
          ...(refused ? { OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1` } : {}),
          ...(timeouts ? { AI_TIMEOUT_MS: "300" } : {}),
        });
        const ctx = await userCtx(db, { role: "admin" });
        if (!refused)
          failing.set(
            "gpt-4o-mini",
            timeouts ? { kind: "hang" } : { kind: "status", status: 502, gatewayPage: true },
          );
        try {
          await failPrimary(router, ctx, errorClass);
          fake.calls.length = 0;
          // gpt-4o itself would answer, but its endpoint is paused: not contacted.
          const err = await router
            .complete(fresh(ctx), ask("B, please", { model: "gpt-4o" }))
            .catch((e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect(err).toMatchObject({
            status: 503,
            details: { attempts: [{ model: "gpt-4o", errorClass: "circuit_open" }] },
          });
          expect(asked()).toEqual([]);
          // A timeout counts on both levels (a dead endpoint and one slow model look alike).
          expect(await openaiStatus(ctx)).toMatchObject({
            circuit: "open",
            modelCircuits: timeouts ? [{ model: "gpt-4o-mini", circuit: "open" }] : [],
          });
        } finally {
          failing.clear();
        }
      },
    );
  });
});
