import { expect } from "@playwright/test";

// The workflow API as a client sees it, with an API key (Bearer: any instance accepts it).

export interface StepView {
  nodeId: string;
  status: string;
  attempt: number;
  output: unknown;
  error: { code: string; message: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface RunView {
  id: string;
  status: string;
  input: Record<string, unknown>;
  output: unknown;
  error: { code: string; message: string; nodeId?: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface RunDetail {
  run: RunView;
  steps: StepView[];
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

async function call<T>(base: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function createProject(base: string, key: string, name: string): Promise<string> {
  const res = await call<{ project: { id: string } }>(base, key, "POST", "/api/projects", {
    name,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.project.id;
}

/** Creates a workflow from `graph` and publishes it (runs start from the published version). */
export async function publishedWorkflow(
  base: string,
  key: string,
  input: { projectId: string; name: string; graph: unknown },
): Promise<string> {
  const made = await call<{ workflow: { id: string; revision: number; issues: unknown[] } }>(
    base,
    key,
    "POST",
    "/api/workflows",
    input,
  );
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const { id, revision, issues } = made.body.workflow;
  expect(issues).toEqual([]);
  const pub = await call(base, key, "POST", `/api/workflows/${id}/publish`, { revision });
  expect(pub.status, JSON.stringify(pub.body)).toBe(201);
  return id;
}

export async function startRun(base: string, key: string, workflowId: string, input: object) {
  const res = await call<{ run: RunView }>(base, key, "POST", `/api/workflows/${workflowId}/runs`, {
    input,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.run;
}

export async function getRun(base: string, key: string, runId: string): Promise<RunDetail> {
  const res = await call<RunDetail>(base, key, "GET", `/api/workflow-runs/${runId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Polls the runs until each has finished (succeeded, failed or cancelled); their details. */
export async function waitForRuns(
  base: string,
  key: string,
  runIds: string[],
  timeoutMs: number,
): Promise<RunDetail[]> {
  const deadline = Date.now() + timeoutMs;
  const done = new Map<string, RunDetail>();
  for (;;) {
    for (const id of runIds.filter((r) => !done.has(r))) {
      const d = await getRun(base, key, id);
      if (TERMINAL.has(d.run.status)) done.set(id, d);
    }
    if (done.size === runIds.length) return runIds.map((id) => done.get(id)!);
    if (Date.now() > deadline)
      throw new Error(`${runIds.length - done.size} of ${runIds.length} runs still unfinished`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
