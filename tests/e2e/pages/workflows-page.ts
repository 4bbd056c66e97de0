import { expect, type APIRequestContext, type Page } from "@playwright/test";

export interface WorkflowJson {
  id: string;
  name: string;
  projectId: string;
  draft: { nodes: { id: string; type: string }[]; edges: unknown[] };
}

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;

/** The Workflows list, the New workflow and Import pages, used through labels and roles. */
export class WorkflowsPage {
  constructor(readonly page: Page) {}

  private get api(): APIRequestContext {
    return this.page.request;
  }

  /** Same-origin writes carry Origin, as a browser's fetch does. */
  private async post<T>(path: string, data: unknown): Promise<T> {
    const origin = new URL(this.page.url().startsWith("http") ? this.page.url() : BASE).origin;
    const res = await this.api.post(path, { data, headers: { origin } });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return (await res.json()) as T;
  }

  async createProjectViaApi(name: string): Promise<string> {
    const { project } = await this.post<{ project: { id: string } }>("/api/projects", { name });
    return project.id;
  }

  async createWorkflowViaApi(input: { projectId: string; name: string; graph?: unknown }) {
    return (await this.post<{ workflow: WorkflowJson }>("/api/workflows", input)).workflow;
  }

  /** Starts a test run of the draft and waits until it has finished. */
  async runDraftToEnd(workflowId: string): Promise<string> {
    const { run } = await this.post<{ run: { id: string } }>(`/api/workflows/${workflowId}/runs`, {
      draft: true,
      input: {},
    });
    let status = "";
    await expect
      .poll(
        async () => {
          const res = await this.api.get(`/api/workflow-runs/${run.id}`);
          status = ((await res.json()) as { run: { status: string } }).run.status;
          return ["succeeded", "failed", "cancelled"].includes(status);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    return status;
  }

  async workflowViaApi(id: string): Promise<{ status: number; workflow?: WorkflowJson }> {
    const res = await this.api.get(`/api/workflows/${id}`);
    return { status: res.status(), workflow: res.ok() ? (await res.json()).workflow : undefined };
  }

  /** The id in /workflows/<id> after a create or import. */
  async landedWorkflowId(): Promise<string> {
    await expect(this.page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
    return this.page.url().split("/").pop()!;
  }

  async gotoList(query = "") {
    await this.page.goto(`/workflows${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Workflows" })).toBeVisible();
  }

  async search(q: string, projectName?: string) {
    const form = this.page.getByRole("search", { name: "Search workflows" });
    await form.getByLabel("Search by name").fill(q);
    if (projectName)
      await form.getByLabel("Project", { exact: true }).selectOption({ label: projectName });
    await form.getByRole("button", { name: "Search" }).click();
  }

  rows() {
    return this.page.getByRole("list", { name: "Workflows" }).getByRole("listitem");
  }

  row(name: string) {
    return this.page.getByRole("listitem", { name, exact: true });
  }

  async gotoNew(query = "") {
    await this.page.goto(`/workflows/new${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "New workflow" })).toBeVisible();
  }

  /** Fills and submits the New workflow form; `template` is the start card's title. */
  async create(input: { project: string; name: string; description?: string; template?: RegExp }) {
    const form = this.page.getByRole("form", { name: "New workflow" });
    await form.getByLabel("Project", { exact: true }).selectOption({ label: input.project });
    await form.getByLabel("Name", { exact: true }).fill(input.name);
    if (input.description)
      await form.getByLabel("Description", { exact: true }).fill(input.description);
    await form.getByRole("radio", { name: input.template ?? /^Blank/ }).check();
    await form.getByRole("button", { name: "Create workflow" }).click();
  }

  async gotoImport(query = "") {
    await this.page.goto(`/workflows/new/import${query}`);
    await expect(
      this.page.getByRole("heading", { level: 1, name: "Import a workflow" }),
    ).toBeVisible();
  }

  /** Submits the import form with a file (path or contents) or pasted text. */
  async importWorkflow(input: {
    project: string;
    name?: string;
    file?: string | { name: string; text: string };
    paste?: string;
  }) {
    const form = this.page.getByRole("form", { name: "Import a workflow" });
    await form.getByLabel("Project", { exact: true }).selectOption({ label: input.project });
    if (input.name) await form.getByLabel("Name", { exact: true }).fill(input.name);
    const file = input.file;
    if (typeof file === "string") await form.getByLabel("Export file").setInputFiles(file);
    else if (file)
      await form.getByLabel("Export file").setInputFiles({
        name: file.name,
        mimeType: "application/json",
        buffer: Buffer.from(file.text),
      });
    if (input.paste) await form.getByLabel("Or paste the JSON").fill(input.paste);
    await form.getByRole("button", { name: "Import workflow" }).click();
  }

  importProblems() {
    return this.page.getByRole("list", { name: "Problems in the file" }).getByRole("listitem");
  }
}
