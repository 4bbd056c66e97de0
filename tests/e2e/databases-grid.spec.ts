import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { DatabasePage, sent } from "./pages/database-page";

test.use({ storageState: ADMIN.file });

test("database grid: a refused value shows its reason under the cell, announced; invalid JSON is refused with the parser's reason and never sent", async ({
  page,
}) => {
  const db = new DatabasePage(page);
  await db.seed(
    "Inventory",
    [
      { name: "Item", type: "text", required: true },
      { name: "Qty", type: "number" },
      { name: "Meta", type: "json" },
    ],
    'Item,Qty,Meta\nbolt,5,"{""size"": 3}"\nnut,7,\n',
  );
  const patches = sent(page, "PATCH");

  await db.type("Meta", 1, '{"size": ');
  const meta = db.cell("Meta", 1);
  await expect(meta).toHaveAttribute("aria-invalid", "true");
  await expect(meta).toHaveAccessibleDescription(/^Meta is not valid JSON \(.+\)$/);
  await expect(
    page.getByRole("alert").filter({ hasText: /^Meta is not valid JSON/ }),
  ).toBeVisible();
  expect(patches).toHaveLength(0); // refused before it reaches the server
  // Focused or not, the wrong cell keeps its red border (the focus style does not cover it).
  // Colours are read once the inputs' CSS transitions have finished, never mid-way.
  const settled = () =>
    expect
      .poll(() =>
        page.evaluate(
          () => document.getAnimations().filter((a) => a instanceof CSSTransition).length,
        ),
      )
      .toBe(0);
  const border = () => meta.evaluate((el) => getComputedStyle(el).borderTopColor);
  await settled();
  const focusedInvalid = await border();
  await db.cell("Item", 2).focus();
  await settled();
  const focusedValid = await db
    .cell("Item", 2)
    .evaluate((el) => getComputedStyle(el).borderTopColor);
  expect(await border()).toBe(focusedInvalid);
  expect(focusedInvalid).not.toBe(focusedValid);
  await meta.focus();
  await meta.press("Escape"); // back to the stored value, error gone
  await expect(meta).toHaveValue('{"size":3}');
  await expect(meta).not.toHaveAttribute("aria-invalid", "true");

  await db.type("Qty", 2, "many");
  await expect(db.cell("Qty", 2)).toHaveAccessibleDescription("Qty must be a number");
  await expect(page.getByText("Qty must be a number")).toBeVisible();

  // The server's refusal (Item is required) shows the same way, naming the field.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PATCH" && r.status() === 422),
    db.type("Item", 1, ""),
  ]);
  await expect(db.cell("Item", 1)).toHaveAccessibleDescription("Item is required");
  await expect(page.getByText("Item is required")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/database-cell-errors.png" });

  // Valid JSON saves, as JSON.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()),
    db.type("Meta", 2, '["a", 1]'),
  ]);
  await page.reload();
  await expect(db.cell("Meta", 2)).toHaveValue('["a",1]');
  await expect(db.cell("Meta", 1)).toHaveValue('{"size":3}');
});

test("database grid: schema errors show at the form, next to the field, naming it", async ({
  page,
}) => {
  const db = new DatabasePage(page);
  await db.seed("Crew", [{ name: "Name", type: "text" }]);
  const form = page.getByRole("form", { name: "Add a field" });
  const name = form.getByLabel("Field name");

  await form.getByRole("button", { name: "Add field" }).click();
  await expect(name).toHaveAccessibleDescription("Field name is required");
  await expect(name).toBeFocused();
  await expect(form.getByText("Field name is required")).toBeVisible();

  await name.fill("name");
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(name).toHaveAccessibleDescription(
    'Field name: "name" is already a field of this database',
  );
  await expect(name).toHaveAttribute("aria-invalid", "true");

  await name.fill("Role");
  await form.getByLabel("Type").selectOption("select");
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByLabel("Options")).toHaveAccessibleDescription(
    "Options are required for a select field (separate them with commas)",
  );
  await form.getByLabel("Options").fill("pilot, engineer");
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(db.header("Role")).toBeVisible();
  await expect(name).toHaveValue("");
  await expect(name).not.toHaveAttribute("aria-invalid", "true");

  // The filter bar: no browser bubble either, the app's own message under the value.
  const filter = page.getByRole("form", { name: "Add a filter" });
  await filter.getByRole("button", { name: "Add filter" }).click();
  await expect(filter.getByLabel("Filter value")).toHaveAccessibleDescription(
    "Filter value is required for “Name”",
  );
  await expect(filter.getByLabel("Filter value")).toBeFocused();

  // Renaming a column: the error sits under its name input, inside the column's panel.
  await db.header("Name").getByRole("button").click();
  const panel = page.getByRole("region", { name: "Column Name" });
  await panel.getByLabel("Column name").fill("role");
  await panel.getByRole("button", { name: "Rename" }).click();
  await expect(panel.getByLabel("Column name")).toHaveAccessibleDescription(
    'Column name: "role" is already a field of this database',
  );
  await expect(panel.getByText('Column name: "role" is already')).toBeVisible();
  await panel.getByLabel("Column name").fill(" ");
  await panel.getByRole("button", { name: "Rename" }).click();
  await expect(panel.getByLabel("Column name")).toHaveAccessibleDescription(
    "Column name is required",
  );
});

test("database grid: a deleted row can be undone — the same record comes back — and is deleted for real after the undo time, on Delete now, on leaving or when the tab is hidden", async ({
  page,
}) => {
  const db = new DatabasePage(page);
  const { path } = await db.seed(
    "People",
    [{ name: "Name", type: "text" }],
    "Name\nAda\nBob\nCy\nDi\n",
  );
  const deletes = sent(page, "DELETE");
  const toast = page.getByTestId("undo-delete");

  await page.getByRole("button", { name: "Delete row 2" }).click();
  await expect(db.rows()).toHaveCount(3);
  await expect(toast).toContainText("Row 2 deleted.");
  await expect(page.getByText("3 records ·")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete row 2" })).toBeFocused(); // Cy's, now row 2
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(db.rows()).toHaveCount(4);
  await expect(db.cell("Name", 2)).toHaveValue("Bob");
  await expect(toast).toHaveCount(0);
  expect(deletes).toHaveLength(0);
  await page.reload();
  await expect(db.cell("Name", 2)).toHaveValue("Bob");

  // Left alone, the deletion happens when the undo time is over.
  await page.getByRole("button", { name: "Delete row 2" }).click();
  await page.waitForResponse((r) => r.request().method() === "DELETE" && r.status() === 204, {
    timeout: 15_000,
  });
  await expect(toast).toHaveCount(0);
  await page.reload();
  await expect(db.rows()).toHaveCount(3);
  await expect(db.cell("Name", 2)).toHaveValue("Cy");

  // "Delete now" does not wait.
  await page.getByRole("button", { name: "Delete row 1" }).click();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "DELETE" && r.status() === 204),
    toast.getByRole("button", { name: "Delete now" }).click(),
  ]);

  // Leaving the page does not lose a deletion.
  await page.reload();
  await expect(db.cell("Name", 1)).toHaveValue("Cy");
  await page.getByRole("button", { name: "Delete row 1" }).click();
  await page.getByRole("link", { name: "← Project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("People");
  await page.goto(path);
  await expect(db.rows()).toHaveCount(1);
  await expect(db.cell("Name", 1)).toHaveValue("Di");

  // Nor does a tab going to the background (a phone may kill it there without a pagehide).
  await page.getByRole("button", { name: "Delete row 1" }).click();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "DELETE" && r.status() === 204),
    page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }),
  ]);
  await page.goto(path);
  await expect(db.rows()).toHaveCount(0);
});
