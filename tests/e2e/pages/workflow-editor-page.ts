import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** Data for the editor tests, made through the API as the signed-in user of `request`. */
export async function createWorkflowViaApi(
  request: APIRequestContext,
  baseURL: string,
  input: { name: string; graph?: unknown },
): Promise<{ projectId: string; workflowId: string }> {
  const headers = { origin: baseURL };
  const p = await request.post("/api/projects", {
    data: { name: `${input.name} project` },
    headers,
  });
  expect(p.status(), await p.text()).toBe(201);
  const projectId = ((await p.json()) as { project: { id: string } }).project.id;
  const w = await request.post("/api/workflows", {
    data: { projectId, name: input.name, graph: input.graph ?? { nodes: [], edges: [] } },
    headers,
    timeout: 60_000,
  });
  expect(w.status(), await w.text()).toBe(201);
  return { projectId, workflowId: ((await w.json()) as { workflow: { id: string } }).workflow.id };
}

/** The workflow editor, used as a person does: palette, canvas handles, keys, the side panel. */
export class WorkflowEditorPage {
  readonly canvas: Locator;
  readonly nodes: Locator;
  readonly edges: Locator;
  readonly saveStatus: Locator;
  readonly problems: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.locator(".react-flow__pane");
    this.nodes = page.getByTestId("workflow-node");
    this.edges = page.locator(".react-flow__edge");
    this.saveStatus = page.getByTestId("save-status");
    this.problems = page.getByTestId("problems-list");
    this.notice = page.getByTestId("connection-notice");
  }

  async open(workflowId: string) {
    await this.page.goto(`/workflows/${workflowId}`);
    await expect(this.page.getByLabel("Workflow canvas")).toBeVisible({ timeout: 30_000 });
  }

  node(id: string): Locator {
    return this.page.locator(`[data-testid="workflow-node"][data-node-id="${id}"]`);
  }

  handle(nodeId: string, handleId: string): Locator {
    return this.page.locator(
      `.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${handleId}"]`,
    );
  }

  /** HTML5 drag from the palette onto the canvas at a point of the pane. */
  async dragFromPalette(type: string, at: { x: number; y: number }) {
    await this.page.getByTestId(`palette-${type}`).dragTo(this.canvas, { targetPosition: at });
  }

  async clickPalette(type: string) {
    await this.page.getByTestId(`palette-${type}`).click();
  }

  /** Drags from one handle to another with real pointer moves (React Flow listens to those). */
  async connect(from: Locator, to: Locator) {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Drags a node by its header. */
  async dragNode(id: string, dx: number, dy: number) {
    const box = (await this.node(id).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + 14;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  async autoLayout() {
    await this.page.getByRole("button", { name: "Auto-layout" }).click();
    await this.page.locator(".react-flow__controls-fitview").click();
  }

  async expectSaved() {
    await expect(this.saveStatus).toHaveText("Saved", { timeout: 15_000 });
  }

  /**
   * Sets one config field of the selected node. The schema form labels its fields; the JSON
   * placeholder form (until that lands) takes the whole config.
   */
  async setConfigField(label: RegExp, key: string, value: string) {
    const field = this.page.getByRole("complementary", { name: "Details" }).getByLabel(label);
    if (await field.count()) {
      await field.first().fill(value);
      await field.first().blur();
      return;
    }
    const json = this.page.getByLabel("Config (JSON)");
    const config = JSON.parse(await json.inputValue()) as Record<string, unknown>;
    await json.fill(JSON.stringify({ ...config, [key]: value }));
    await json.blur();
  }
}
