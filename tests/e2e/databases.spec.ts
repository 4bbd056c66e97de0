import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";

test.use({ storageState: ADMIN.file });

test("databases: create one, add fields and records in the grid, retype a field with a dry run that shows the failing record, export CSV", async ({ page }) => {
  await page.goto("/projects");
  const form = page.getByRole("form", { name: "New project" });
  const project = `Crew ${Date.now()}`;
  await form.getByLabel("Name").fill(project);
  await form.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: new RegExp(project) }).click();

  await page.getByLabel("Database name").fill("Astronauts");
  await page.getByRole("button", { name: "Create database" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Astronauts");
  await expect(page.getByText("Add a field to start.")).toBeVisible();

  const addField = page.getByRole("form", { name: "Add a field" });
  for (const name of ["Name", "Age"]) {
    await addField.getByLabel("Field name").fill(name);
    await addField.getByRole("button", { name: "Add field" }).click();
    await expect(page.getByRole("columnheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  for (const [i, [name, age]] of ([["Ada", "36"], ["Bob", "forty"]] as const).entries()) {
    await page.getByRole("button", { name: "+ Add record" }).click();
    const n = i + 1;
    await expect(page.getByTestId("record-row")).toHaveCount(n);
    await page.getByLabel(`Name, row ${n}`).fill(name);
    await page.getByLabel(`Name, row ${n}`).press("Tab"); // saves on leaving the cell
    await page.getByLabel(`Age, row ${n}`).fill(age);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()), page.getByLabel(`Age, row ${n}`).press("Enter")]);
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
  await expect(page.getByTestId("dry-run")).toContainText("1 of 2 records convert to number; 1 would not:");
  await expect(page.getByTestId("dry-run")).toContainText('"forty" is not a number');
  await expect(panel.getByRole("button", { name: "Apply change" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/database-dry-run.png", fullPage: true });

  // Fix the value, preview again, apply.
  await page.getByLabel("Age, row 2").fill("40");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/records/") && r.ok()), page.getByLabel("Age, row 2").press("Enter")]);
  await panel.getByRole("button", { name: "Preview change" }).click();
  await expect(page.getByTestId("dry-run")).toContainText("2 of 2 records convert to number.");
  await panel.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByRole("columnheader", { name: /^Age/ })).toContainText("number");
  await expect(page.getByText("schema version 4")).toBeVisible(); // 2 fields added, then the retype

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Astronauts.csv");
  const csv = await (await import("node:fs/promises")).readFile(await file.path(), "utf8");
  expect(csv).toBe("Name,Age\r\nAda,36\r\nBob,40\r\n");

  // Import: a file with a bad row imports nothing and says which row and why; a clean one imports all.
  const upload = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByLabel("Import CSV or JSON").setInputFiles(upload("bad.csv", "Name,Age\nCy,50\nDi,abc\n"));
  await expect(page.getByTestId("import-result")).toContainText("1 of 2 rows cannot be imported; nothing was imported.");
  await expect(page.getByTestId("import-result")).toContainText('Row 2: Age: "abc" is not a number');
  await expect(page.getByText("2 records ·")).toBeVisible();
  await page.getByLabel("Import CSV or JSON").setInputFiles(upload("good.csv", "Name,Age\nCy,50\nDi,51\n"));
  await expect(page.getByTestId("import-result")).toContainText("2 records imported from good.csv.");
  await expect(page.getByText("4 records ·")).toBeVisible();
});
