import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";

test.use({ storageState: ADMIN.file });

/** Creates a project and a database in it from the UI, and opens the database's grid. */
async function openNewDatabase(page: Page, projectPrefix: string, database: string) {
  await page.goto("/projects");
  const form = page.getByRole("form", { name: "New project" });
  const project = `${projectPrefix} ${Date.now()}`;
  await form.getByLabel("Name").fill(project);
  await form.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: new RegExp(project) }).click();
  await page.getByLabel("Database name").fill(database);
  await page.getByRole("button", { name: "Create database" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(database);
}

test("databases: create one, add fields and records in the grid, retype a field with a dry run that shows the failing record, export CSV", async ({
  page,
}) => {
  await openNewDatabase(page, "Crew", "Astronauts");
  await expect(page.getByText("Add a field to start.")).toBeVisible();

  const addField = page.getByRole("form", { name: "Add a field" });
  for (const name of ["Name", "Age"]) {
    await addField.getByLabel("Field name").fill(name);
    await addField.getByRole("button", { name: "Add field" }).click();
    await expect(page.getByRole("columnheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  for (const [i, [name, age]] of (
    [
      ["Ada", "36"],
      ["Bob", "forty"],
    ] as const
  ).entries()) {
    await page.getByRole("button", { name: "+ Add record" }).click();
    const n = i + 1;
    await expect(page.getByTestId("record-row")).toHaveCount(n);
    await page.getByLabel(`Name, row ${n}`).fill(name);
    await page.getByLabel(`Name, row ${n}`).press("Tab"); // saves on leaving the cell
    await page.getByLabel(`Age, row ${n}`).fill(age);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()),
      page.getByLabel(`Age, row ${n}`).press("Enter"),
    ]);
  }
  await expect(page.getByText("2 records")).toBeVisible();
  // Keyboard: arrow up from row 2 goes to row 1 of the same column.
  await page.getByLabel("Age, row 2").focus();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByLabel("Age, row 1")).toBeFocused();

  // Retype Age to number: the dry run names the record that cannot convert; Apply is blocked.
  await page.getByRole("columnheader", { name: /^Age/ }).getByRole("button").click();
  const panel = page.getByRole("region", { name: "Column Age" });
  await panel.getByLabel("Type").selectOption("number");
  await panel.getByRole("button", { name: "Preview change" }).click();
  await expect(page.getByTestId("dry-run")).toContainText(
    "1 of 2 records convert to number; 1 would not:",
  );
  await expect(page.getByTestId("dry-run")).toContainText('"forty" is not a number');
  await expect(panel.getByRole("button", { name: "Apply change" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/database-dry-run.png", fullPage: true });

  // Fix the value, preview again, apply.
  await page.getByLabel("Age, row 2").fill("40");
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "PATCH" && r.url().includes("/records/") && r.ok(),
    ),
    page.getByLabel("Age, row 2").press("Enter"),
  ]);
  await panel.getByRole("button", { name: "Preview change" }).click();
  await expect(page.getByTestId("dry-run")).toContainText("2 of 2 records convert to number.");
  await panel.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByRole("columnheader", { name: /^Age/ })).toContainText("number");
  await expect(page.getByText("Schema changed 3 times, last just now")).toBeVisible(); // 2 fields added, then the retype

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Astronauts.csv");
  const csv = await (await import("node:fs/promises")).readFile(await file.path(), "utf8");
  expect(csv).toBe("Name,Age\r\nAda,36\r\nBob,40\r\n");

  // Import: a file with a bad row imports nothing and says which row and why; a clean one imports all.
  const upload = (name: string, text: string) => ({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
  await page
    .getByLabel("Import CSV or JSON")
    .setInputFiles(upload("bad.csv", "Name,Age\nCy,50\nDi,abc\n"));
  await expect(page.getByTestId("import-result")).toContainText(
    "1 of 2 rows cannot be imported; nothing was imported.",
  );
  await expect(page.getByTestId("import-result")).toContainText(
    'Row 2: Age: "abc" is not a number',
  );
  await expect(page.getByText("2 records ·")).toBeVisible();
  await page
    .getByLabel("Import CSV or JSON")
    .setInputFiles(upload("good.csv", "Name,Age\nCy,50\nDi,51\n"));
  await expect(page.getByTestId("import-result")).toContainText(
    "2 records imported from good.csv.",
  );
  await expect(page.getByText("4 records ·")).toBeVisible();
});

test("databases: a few hundred records page by 100, filter by typed conditions, sort by a column", async ({
  page,
}) => {
  await openNewDatabase(page, "Ledger", "Invoices");

  const addField = page.getByRole("form", { name: "Add a field" });
  for (const [name, type] of [
    ["Customer", "text"],
    ["Amount", "number"],
    ["Due", "date"],
  ]) {
    await addField.getByLabel("Field name").fill(name!);
    await addField.getByLabel("Type").selectOption(type!);
    await addField.getByRole("button", { name: "Add field" }).click();
    await expect(page.getByRole("columnheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  const rows = Array.from(
    { length: 250 },
    (_, i) =>
      `customer ${i + 1},${(i * 37) % 1000},2026-${String((i % 12) + 1).padStart(2, "0")}-15`,
  );
  await page.getByLabel("Import CSV or JSON").setInputFiles({
    name: "invoices.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["Customer,Amount,Due", ...rows].join("\n")),
  });
  await expect(page.getByTestId("import-result")).toContainText("250 records imported");

  // Pages of 100 in the order the rows were added (a pager above the records and one below).
  const pager = page.getByRole("navigation", { name: "Pages (bottom)" });
  await expect(pager.getByTestId("page-range")).toHaveText("Records 1–100 of 250");
  await expect(page.getByTestId("record-row")).toHaveCount(100);
  await expect(page.getByLabel("Customer, row 1", { exact: true })).toHaveValue("customer 1");
  await pager.getByRole("button", { name: "Next →" }).click();
  await expect(pager.getByTestId("page-range")).toHaveText("Records 101–200 of 250");
  await expect(page.getByLabel("Customer, row 101", { exact: true })).toHaveValue("customer 101"); // rows keep their number across pages

  // Amount ≥ 900 (typed as a number), then sort by Amount, highest first.
  const filter = page.getByRole("form", { name: "Add a filter" });
  await filter.getByLabel("Filter field").selectOption({ label: "Amount" });
  await filter.getByLabel("Condition").selectOption({ label: "≥" });
  await filter.getByLabel("Filter value").fill("900");
  await filter.getByRole("button", { name: "Add filter" }).click();
  const expected = rows.filter((r) => Number(r.split(",")[1]) >= 900).length;
  await expect(page.getByText(`${expected} records match the filters`)).toBeVisible();
  await expect(page.getByTestId("record-row")).toHaveCount(expected);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Amount ≥ 900");
  await page.getByLabel("Sort by").selectOption({ label: "Amount" });
  await page.getByRole("button", { name: /^Ascending/ }).click();
  const top = Math.max(...rows.map((r) => Number(r.split(",")[1])));
  await expect(page.getByLabel("Amount, row 1", { exact: true })).toHaveValue(String(top));
  // The view lives in the address bar: a reload (or a shared link) shows the same records.
  expect(new URL(page.url()).searchParams.get("sort")).toMatch(/:desc$/);
  await page.reload();
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Amount ≥ 900");
  await expect(page.getByText(`${expected} records match the filters`)).toBeVisible();
  await expect(page.getByLabel("Amount, row 1", { exact: true })).toHaveValue(String(top));

  // A date condition narrows further; removing the filters brings every record back.
  await filter.getByLabel("Filter field").selectOption({ label: "Due" });
  await filter.getByLabel("Condition").selectOption({ label: "is on or before" });
  await filter.getByLabel("Filter value").fill("2026-02-28");
  await filter.getByRole("button", { name: "Add filter" }).click();
  const both = rows.filter(
    (r) => Number(r.split(",")[1]) >= 900 && r.split(",")[2]! <= "2026-02-28",
  ).length;
  await expect(page.getByText(`${both} records match the filters`)).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/database-filters.png", fullPage: true });
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page.getByText("250 records ·")).toBeVisible();
  await expect(filter.getByLabel("Filter field")).toBeFocused(); // the keyboard stays in the filter bar

  // A filter that stops fitting its field (Amount becomes text: no "≥" for text) is let go.
  await filter.getByLabel("Filter field").selectOption({ label: "Amount" });
  await filter.getByLabel("Condition").selectOption({ label: "≥" });
  await filter.getByLabel("Filter value").fill("500");
  await filter.getByRole("button", { name: "Add filter" }).click();
  await expect(page.getByText("records match the filters")).toBeVisible();
  await page
    .getByRole("columnheader", { name: /^Amount/ })
    .getByRole("button")
    .click();
  const panel = page.getByRole("region", { name: "Column Amount" });
  await panel.getByLabel("Type").selectOption("text");
  await panel.getByRole("button", { name: "Preview change" }).click();
  await expect(page.getByTestId("dry-run")).toContainText("250 of 250 records convert to text.");
  await panel.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByRole("columnheader", { name: /^Amount/ })).toContainText("text");
  await expect(page.getByText("250 records ·")).toBeVisible();
  await expect(page.getByRole("list", { name: "Active filters" })).toHaveCount(0);
});
