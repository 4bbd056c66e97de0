import { expect, type Locator, type Page } from "@playwright/test";

type Node = { id: string; type: string; config: Record<string, unknown>; label?: string };
type Edge = { id: string; source: string; target: string; sourceHandle?: string };

/**
 * A workflow's runs list and run page, used the way a person does (labels, roles), after the
 * workflow and its runs were made through the API from inside the signed-in page (the session
 * cookie and Origin go along) — the run views are what these tests are about, not the editor.
 */
export class WorkflowRunsPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly steps: Locator;
  readonly runStatus: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("runs-table");
    this.rows = page.getByTestId("run-row");
    this.steps = page.getByTestId("run-step");
    this.runStatus = page.getByTestId("run-status");
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.page.evaluate(
      async ([m, p, b]) => {
        const r = await fetch(p as string, {
          method: m as string,
          headers: { "content-type": "application/json" },
          body: b === undefined ? undefined : JSON.stringify(b),
        });
        return { status: r.status, body: r.status === 204 ? null : await r.json() };
      },
      [method, path, body] as const,
    );
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body as T;
  }

  async project(name: string): Promise<string> {
    if (this.page.url() === "about:blank") await this.page.goto("/projects");
    const { project } = await this.call<{ project: { id: string } }>("POST", "/api/projects", {
      name: `${name} ${Date.now()}`,
    });
    return project.id;
  }

  /** A workflow with this graph, published (manual runs start from the published version). */
  async publishedWorkflow(projectId: string, name: string, nodes: Node[], edges: Edge[]) {
    const { workflow } = await this.call<{ workflow: { id: string; revision: number } }>(
      "POST",
      "/api/workflows",
      { projectId, name, graph: { nodes, edges } },
    );
    await this.call("POST", `/api/workflows/${workflow.id}/publish`, {
      revision: workflow.revision,
      message: "first",
    });
    return workflow.id;
  }

  async startRun(workflowId: string, input: Record<string, unknown>): Promise<string> {
    const { run } = await this.call<{ run: { id: string } }>(
      "POST",
      `/api/workflows/${workflowId}/runs`,
      { input },
    );
    return run.id;
  }

  /** Polls the run until it has this status. */
  async waitForStatus(runId: string, status: string) {
    await expect
      .poll(
        async () =>
          (await this.call<{ run: { status: string } }>("GET", `/api/workflow-runs/${runId}`)).run
            .status,
        { timeout: 20_000 },
      )
      .toBe(status);
  }

  async openList(workflowId: string) {
    await this.page.goto(`/workflows/${workflowId}/runs`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  }

  async filter(status: string) {
    await this.page.getByLabel("Status").selectOption({ label: status });
    await this.page.getByRole("button", { name: "Filter" }).click();
  }

  async openRun(workflowId: string, runId: string) {
    await this.page.goto(`/workflows/${workflowId}/runs/${runId}`);
    await expect(this.page.getByRole("heading", { name: /^Run / })).toBeVisible();
  }

  step(nodeId: string): Locator {
    return this.page.locator(`[data-testid="run-step"][data-node-id="${nodeId}"]`);
  }

  /** Opens a step (its toggle button) and returns its output block. */
  async expandStep(nodeId: string) {
    const toggle = this.step(nodeId).locator("button[aria-controls]");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const step = this.step(nodeId);
    return step.locator("details", { hasText: "Output" }).locator("pre");
  }
}
