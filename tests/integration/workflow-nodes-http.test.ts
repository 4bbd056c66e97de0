import { afterAll, beforeAll, beforeEach, describe, expect } from "vitest";
import { dbTest } from "../helpers/db";
import { startLoopbackServers, type LoopbackServers } from "../helpers/loopback-servers";
import { projectTeam } from "../helpers/team";
import {
  chain,
  deploy,
  runOf,
  stepOf,
  trigger,
  useScriptedServer,
} from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// The http node through the engine and the real SSRF-safe client: JSON, templates reaching the
// server, status failures, and the address policy (a canary on 127.0.0.1 counts what gets by).
const server = useScriptedServer();
let loop: LoopbackServers;
beforeAll(async () => {
  loop = await startLoopbackServers();
});
afterAll(() => loop.close());
beforeEach(() => {
  loop.canary.reset();
  loop.app.reset();
});

const fetchGraph = (config: Record<string, unknown>, inputs = [{ name: "url" }]) =>
  chain(
    trigger(inputs),
    { id: "call", type: "http", config },
    { id: "out", type: "output", config: { expression: "call" } },
  );

describe("the http node", () => {
  dbTest("GET parses a JSON answer", async ({ db, services }) => {
    const team = await projectTeam(db, "GET");
    const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
    const id = await deploy(
      owner,
      team.project.id,
      chain(
        trigger(),
        { id: "get", type: "http", config: { url: `${server().url}/json` } },
        {
          id: "out",
          type: "output",
          config: {
            expression: '{"status": get.status, "first": get.body.items[0], "n": get.body.count}',
          },
        },
      ),
    );
    const done = await runOf(owner, id);
    expect(done.run).toMatchObject({
      status: "succeeded",
      output: { status: 200, first: "a", n: 3 },
    });
    expect(stepOf(done, "get").output).toMatchObject({
      status: 200,
      headers: { "content-type": "application/json" },
      body: { items: ["a", "b", "c"], count: 3 },
      url: `${server().url}/json`,
    });
  });

  dbTest("POST sends its rendered headers and body", async ({ db, services }) => {
    const team = await projectTeam(db, "POST");
    const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
    const id = await deploy(
      owner,
      team.project.id,
      fetchGraph(
        {
          method: "POST",
          url: `${server().url}/echo/{{ trigger.who }}`,
          headers: { "content-type": "application/json", "x-who": "agent {{ trigger.who }}" },
          body: '{"greeting": "hi {{ trigger.who }}", "n": {{ size(trigger.who) }}}',
        },
        [{ name: "who" }],
      ),
    );
    const done = await runOf(owner, id, { who: "ada" });
    expect(done.run.status).toBe("succeeded");
    const seen = server().seen.filter((s) => s.path === "/echo/ada");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", headers: { "x-who": "agent ada" } });
    expect(JSON.parse(seen[0]!.body)).toEqual({ greeting: "hi ada", n: 3 });
    expect(done.run.output).toMatchObject({ status: 200, body: { method: "POST" } });
  });

  dbTest(
    "a 4xx answer with failOnStatus fails the step with http_status",
    async ({ db, services }) => {
      const team = await projectTeam(db, "404");
      const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
      const id = await deploy(owner, team.project.id, fetchGraph({ url: "{{ trigger.url }}" }));
      const done = await runOf(owner, id, { url: `${server().url}/status/404` });
      expect(done.run).toMatchObject({
        status: "failed",
        error: { code: "http_status", nodeId: "call" },
      });
      expect(stepOf(done, "call").error).toMatchObject({
        code: "http_status",
        message: expect.stringContaining("answered 404"),
      });
      expect(done.steps.some((s) => s.nodeId === "out")).toBe(false);
      // failOnStatus off: the same answer is an ordinary output.
      const lenient = await deploy(
        owner,
        team.project.id,
        fetchGraph({ url: "{{ trigger.url }}", failOnStatus: false }),
      );
      const ok = await runOf(owner, lenient, { url: `${server().url}/status/404` });
      expect(ok.run).toMatchObject({ status: "succeeded", output: { status: 404 } });
    },
  );
});

describe("the SSRF guard through the engine", () => {
  dbTest(
    "without an allowlist, 127.0.0.1 and localhost fail with blocked_address; 0 hits",
    async ({ db, services }) => {
      const team = await projectTeam(db, "SSRF");
      const owner = inlineWorkflows(services, db).with(team.owner);
      const id = await deploy(owner, team.project.id, fetchGraph({ url: "{{ trigger.url }}" }));
      for (const url of [`http://127.0.0.1:${loop.port}/`, `http://localhost:${loop.port}/`]) {
        const done = await runOf(owner, id, { url });
        expect(done.run, url).toMatchObject({
          status: "failed",
          error: { code: "blocked_address", nodeId: "call" },
        });
        expect(stepOf(done, "call"), url).toMatchObject({
          status: "failed",
          attempt: 1,
          error: { code: "blocked_address", message: expect.stringContaining("loopback") },
        });
      }
      expect(loop.canary.hits).toBe(0);
      expect(loop.app.hits).toBe(0);
    },
  );

  dbTest(
    "a redirect from an allowlisted host to a blocked one is refused",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Redirect");
      const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.2" }).with(team.owner);
      const id = await deploy(owner, team.project.id, fetchGraph({ url: "{{ trigger.url }}" }));
      const target = encodeURIComponent(`http://127.0.0.1:${loop.port}/`);
      const done = await runOf(owner, id, { url: `http://127.0.0.2:${loop.port}/to?u=${target}` });
      expect(done.run).toMatchObject({
        status: "failed",
        error: { code: "blocked_address", nodeId: "call" },
      });
      expect(loop.app.hits).toBe(1);
      expect(loop.canary.hits).toBe(0);
      // Control: the allowlisted host itself answers.
      const echo = await runOf(owner, id, { url: `http://127.0.0.2:${loop.port}/echo` });
      expect(echo.run).toMatchObject({ status: "succeeded", output: { status: 200 } });
    },
  );
});
