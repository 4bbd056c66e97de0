import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ctx } from "@/lib/context";
import { createWorkflow, getRun, publishWorkflow, startRun } from "@/lib/workflows";

/** A node of a test graph (validated by the real schema when the workflow is created). */
export type TestNode = {
  id: string;
  type: string;
  config: Record<string, unknown>;
  [k: string]: unknown;
};
export type TestEdge = { id: string; source: string; target: string; sourceHandle?: string };

export const trigger = (inputs: { name: string; type?: string }[] = []): TestNode => ({
  id: "trigger",
  type: "trigger",
  config: { inputs },
});

export const edge = (source: string, target: string, sourceHandle?: string): TestEdge => ({
  id: `${source}-${sourceHandle ?? "out"}-${target}`,
  source,
  target,
  ...(sourceHandle && { sourceHandle }),
});

/** Nodes in a line, each leading to the next through its only output. */
export const chain = (...nodes: TestNode[]) => ({
  nodes,
  edges: nodes.slice(1).map((n, i) => edge(nodes[i]!.id, n.id)),
});

let named = 0;

/** Creates and publishes a workflow of `graph` (it must validate cleanly); returns its id. */
export async function deploy(
  ctx: Ctx,
  projectId: string,
  graph: { nodes: TestNode[]; edges: TestEdge[] },
): Promise<string> {
  const { workflow } = await createWorkflow({
    ctx,
    input: { projectId, name: `Nodes ${++named}`, graph },
  });
  expect(workflow.issues).toEqual([]);
  await publishWorkflow({ ctx, input: { workflowId: workflow.id, revision: workflow.revision } });
  return workflow.id;
}

/** Starts a run (advanced inline when ctx's queue is the inline one) and reads it back. */
export async function runOf(ctx: Ctx, workflowId: string, input: Record<string, unknown> = {}) {
  const { run } = await startRun({ ctx, input: { workflowId, input } });
  return getRun({ ctx, input: { runId: run.id } });
}

export type RunRead = Awaited<ReturnType<typeof getRun>>;

/** The steps' statuses by node id (with the item path inside a For each). */
export const statuses = (r: RunRead) =>
  Object.fromEntries(r.steps.map((s) => [`${s.itemPath}${s.nodeId}`, s.status]));

export const stepOf = (r: RunRead, nodeId: string, itemPath = "") =>
  r.steps.find((s) => s.nodeId === nodeId && s.itemPath === itemPath)!;

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Scripted {
  /** http://127.0.0.1:<port> */
  url: string;
  seen: Seen[];
  /** Requests whose path starts with `prefix`. */
  hits(prefix: string): number;
  /** The most requests to /double in flight at once. */
  maxInFlight: number;
  /** Requests to /hold that were answered or whose client went away. */
  holdEnded: number;
  close(): Promise<void>;
}

/**
 * A loopback server the workflow tests script by path: /json (a JSON document), /echo (what it
 * received, as JSON), /status/<code>, /flaky/<key>?fail=n (500 for the first n calls per key,
 * then 200), /double?x=n (slow, counts concurrency), /hold (never answers; notes when the
 * client leaves).
 */
export async function startScriptedServer(): Promise<Scripted> {
  const tries = new Map<string, number>();
  let inFlight = 0;
  const s: Omit<Scripted, "url" | "close"> = {
    seen: [],
    hits: (prefix) => s.seen.filter((x) => x.path.startsWith(prefix)).length,
    maxInFlight: 0,
    holdEnded: 0,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url!, "http://x");
      const body = Buffer.concat(chunks).toString("utf8");
      s.seen.push({ method: req.method!, path: url.pathname, headers: req.headers, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      const [, route, arg] = url.pathname.split("/");
      if (route === "json") return json(200, { items: ["a", "b", "c"], count: 3 });
      if (route === "echo") return json(200, { method: req.method, headers: req.headers, body });
      if (route === "status") return json(Number(arg), { status: Number(arg) });
      if (route === "flaky") {
        const n = (tries.get(arg!) ?? 0) + 1;
        tries.set(arg!, n);
        const fail = Number(url.searchParams.get("fail") ?? 0);
        return n <= fail ? json(500, { error: "flaky" }) : json(200, { tries: n });
      }
      if (route === "double") {
        inFlight++;
        s.maxInFlight = Math.max(s.maxInFlight, inFlight);
        const x = Number(url.searchParams.get("x"));
        return void setTimeout(() => {
          inFlight--;
          json(200, { x, double: 2 * x });
        }, 100);
      }
      if (route === "hold") return void res.on("close", () => s.holdEnded++);
      json(404, { error: "no route" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return Object.assign(s, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  });
}

/** One scripted server for the whole test file. */
export function useScriptedServer(): () => Scripted {
  let s: Scripted | undefined;
  beforeAll(async () => {
    s = await startScriptedServer();
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => s!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
