import { expect, type Page, type Request } from "@playwright/test";

/** The requests of one method the page sends from now on. */
export function sent(page: Page, method: string) {
  const seen: Request[] = [];
  page.on("request", (r) => r.method() === method && r.url().includes("/records") && seen.push(r));
  return seen;
}

export interface SeedField {
  name: string;
  type: "text" | "number" | "boolean" | "date" | "select" | "json";
  options?: string[];
  required?: boolean;
}

/**
 * A database page, used the way a person does (labels, roles, keys), after a project and a
 * database with fields and records were made through the API — the grid is what these tests are
 * about, not the forms that create a database.
 */
export class DatabasePage {
  constructor(readonly page: Page) {}

  /** POST/PATCH from inside the signed-in page, so the session cookie and Origin go along. */
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

  /** A new project with one database of these fields, the CSV imported into it, its grid open. */
  async seed(name: string, fields: SeedField[], csv?: string) {
    await this.page.goto("/projects");
    const { project } = await this.call<{ project: { id: string } }>("POST", "/api/projects", {
      name: `${name} ${Date.now()}`,
    });
    const { database } = await this.call<{ database: { id: string } }>(
      "POST",
      `/api/projects/${project.id}/databases`,
      { name, fields },
    );
    const api = `/api/projects/${project.id}/databases/${database.id}`;
    if (csv) await this.call("POST", `${api}/import`, { format: "csv", content: csv });
    const path = `/projects/${project.id}/databases/${database.id}`;
    await this.page.goto(path);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(name);
    return { api, path };
  }

  cell(field: string, row: number) {
    return this.page.getByLabel(`${field}, row ${row}`, { exact: true });
  }

  header(field: string) {
    return this.page.getByRole("columnheader", { name: new RegExp(`^${field}`) });
  }

  rows() {
    return this.page.getByTestId("record-row");
  }

  /** Types into a cell and leaves it with Enter. */
  async type(field: string, row: number, text: string) {
    await this.cell(field, row).fill(text);
    await this.cell(field, row).press("Enter");
  }

  /** The page does not scroll sideways: whatever is wide scrolls inside its own box. */
  async pageWidthFits() {
    return this.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  }
}
