import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { DatabasePage } from "./pages/database-page";

test.use({ storageState: ADMIN.file });

test("database grid: row numbers, fixed column widths with ellipsis, the full value on focus, resizing by keyboard and pointer (kept), empty booleans distinct from false", async ({
  page,
}) => {
  const db = new DatabasePage(page);
  const long = "A rather long note that does not fit in a narrow column at all";
  await db.seed(
    "Notes",
    [
      { name: "Title", type: "text" },
      { name: "Body", type: "text" },
      { name: "Done", type: "boolean" },
    ],
    `Title,Body,Done\nfirst,${long},true\nsecond,short,false\nthird,,\n`,
  );
  for (const n of ["1", "2", "3"])
    await expect(page.getByRole("rowheader", { name: n, exact: true })).toBeVisible();

  // Body (a text column) starts at 224 px: the long value is cut with an ellipsis, whole in its title.
  const body = db.cell("Body", 1);
  const cut = await body.evaluate((el: HTMLInputElement) => ({
    overflow: getComputedStyle(el).textOverflow,
    hidden: el.scrollWidth > el.clientWidth,
  }));
  expect(cut).toEqual({ overflow: "ellipsis", hidden: true });
  await expect(body).toHaveAttribute("title", long);
  const narrow = (await body.boundingBox())!.width;
  await body.focus(); // focused, it grows over its neighbours to show the whole value
  await expect
    .poll(() => body.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1))
    .toBe(true);
  expect((await body.boundingBox())!.width).toBeGreaterThan(narrow + 100);
  await body.press("Escape");

  // Keyboard resize: two steps wider; the width is kept after a reload.
  const handle = page.getByRole("separator", { name: "Width of Body" });
  await expect(handle).toHaveAttribute("aria-valuenow", "224");
  const before = (await db.header("Body").boundingBox())!.width;
  await handle.focus();
  await handle.press("ArrowRight");
  await handle.press("ArrowRight");
  await expect(handle).toHaveAttribute("aria-valuenow", "320");
  expect((await db.header("Body").boundingBox())!.width).toBeCloseTo(before + 96, -1);
  await page.reload();
  await expect(page.getByRole("separator", { name: "Width of Body" })).toHaveAttribute(
    "aria-valuenow",
    "320",
  );

  // Pointer resize: drag Title's edge 100 px to the right.
  const title = page.getByRole("separator", { name: "Width of Title" });
  const box = (await title.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 100, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(title).toHaveAttribute("aria-valuenow", "320");

  // Booleans: true, false and empty are three states; a click goes empty → true → false → empty.
  await expect(db.cell("Done", 1)).toBeChecked();
  await expect(db.cell("Done", 2)).toBeChecked({ checked: false });
  expect(await db.cell("Done", 2).evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(false);
  await expect(db.cell("Done", 3)).toBeChecked({ indeterminate: true });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()),
    db.cell("Done", 2).click(),
  ]);
  await expect(db.cell("Done", 2)).toBeChecked({ indeterminate: true });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()),
    db.cell("Done", 3).click(),
  ]);
  await expect(db.cell("Done", 3)).toBeChecked();
  await page.reload();
  await expect(db.cell("Done", 2)).toBeChecked({ indeterminate: true });
  await expect(db.cell("Done", 3)).toBeChecked();
});

test("database grid: the pager is above the records too; the schema's history reads as words", async ({
  page,
}) => {
  const db = new DatabasePage(page);
  const rows = Array.from({ length: 150 }, (_, i) => `item ${i + 1}`);
  const { api } = await db.seed(
    "Stock",
    [{ name: "Item", type: "text" }],
    ["Item", ...rows].join("\n"),
  );
  const top = page.getByRole("navigation", { name: "Pages (top)" });
  const bottom = page.getByRole("navigation", { name: "Pages (bottom)" });
  await expect(top.getByTestId("page-range")).toHaveText("Records 1–100 of 150");
  await expect(bottom.getByTestId("page-range")).toHaveText("Records 1–100 of 150");
  await top.getByRole("button", { name: "Next →" }).click();
  await expect(top.getByTestId("page-range")).toHaveText("Records 101–150 of 150");
  await expect(page.getByRole("rowheader", { name: "101", exact: true })).toBeVisible();
  await expect(db.cell("Item", 101)).toHaveValue("item 101");

  await expect(page.getByText("Schema not changed since it was created")).toBeVisible();
  for (const name of ["Price", "Shelf"])
    await db.call("POST", `${api}/schema`, { op: "add_field", field: { name, type: "text" } });
  await page.reload();
  await expect(page.getByText("Schema changed 2 times, last just now")).toBeVisible();
  await expect(page.getByText(/schema version/i)).toHaveCount(0);
});

test("database grid: importing a semicolon- or tab-separated file (decimal commas, quoted delimiters, a BOM) through the page", async ({
  page,
}) => {
  const db = new DatabasePage(page);
  await db.seed("Prices", [
    { name: "Product", type: "text" },
    { name: "Price", type: "text" },
  ]);
  const upload = (name: string, text: string) =>
    page.getByLabel("Import CSV or JSON").setInputFiles({
      name,
      mimeType: "text/csv",
      buffer: Buffer.from(text),
    });
  await upload("prix.csv", '\uFEFFProduct;Price\n"Café; grand";2,50\nThé;1,80\n');
  await expect(page.getByTestId("import-result")).toContainText(
    "2 records imported from prix.csv. Read as semicolon-separated values.",
  );
  await expect(db.cell("Product", 1)).toHaveValue("Café; grand");
  await expect(db.cell("Price", 1)).toHaveValue("2,50");
  await upload("export.tsv.csv", 'Product\tPrice\n"Tea\tblack"\t3,10\n');
  await expect(page.getByTestId("import-result")).toContainText("Read as tab-separated values.");
  await expect(db.cell("Product", 3)).toHaveValue("Tea\tblack");
});

test.describe("database page at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the page does not scroll sideways; the grid scrolls inside its own box", async ({
    page,
  }) => {
    const db = new DatabasePage(page);
    await db.seed(
      "Wide",
      ["Name", "Email", "Team", "Notes", "Started", "Budget"].map((name) => ({
        name,
        type: "text" as const,
      })),
      "Name,Email,Team,Notes,Started,Budget\nAda,ada@example.com,core,first,2026-01-02,100\n",
    );
    expect(await db.pageWidthFits()).toBe(true);
    const box = page.getByRole("table", { name: "Wide records" }).locator("..");
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await db.header("Notes").getByRole("button").click(); // the column panel fits too
    await expect(page.getByRole("region", { name: "Column Notes" })).toBeVisible();
    expect(await db.pageWidthFits()).toBe(true);
  });
});

test("database page with data, light and dark at 1280 px and light at 390 px (screenshots for review)", async ({
  browser,
}) => {
  const rows = Array.from(
    { length: 120 },
    (_, i) =>
      `Person ${i + 1},${["pilot", "engineer", ""][i % 3]},${20 + (i % 40)},${["true", "false", ""][i % 3]},2026-0${(i % 9) + 1}-1${i % 10},"{""team"": ${i % 4}}",${i % 5 === 0 ? "A long note that will not fit in its column and ends in an ellipsis" : "ok"}`,
  );
  const csv = ["Name,Role,Age,Active,Joined,Meta,Notes", ...rows].join("\n");
  const fields = [
    { name: "Name", type: "text" as const, required: true },
    { name: "Role", type: "select" as const, options: ["pilot", "engineer"] },
    { name: "Age", type: "number" as const },
    { name: "Active", type: "boolean" as const },
    { name: "Joined", type: "date" as const },
    { name: "Meta", type: "json" as const },
    { name: "Notes", type: "text" as const },
  ];
  for (const [colorScheme, width] of [
    ["light", 1280],
    ["dark", 1280],
    ["light", 390],
  ] as const) {
    const context = await browser.newContext({
      colorScheme,
      storageState: ADMIN.file,
      viewport: { width, height: width > 400 ? 900 : 844 },
    });
    const page = await context.newPage();
    const db = new DatabasePage(page);
    await db.seed("Team roster", fields, csv);
    await db.type("Meta", 2, "{oops");
    await expect(page.getByText(/^Meta is not valid JSON/)).toBeVisible();
    expect(await db.pageWidthFits()).toBe(true);
    const shot = `test-results/screenshots/database-${width}-${colorScheme}`;
    await page.screenshot({ path: `${shot}.png` });
    await page.getByRole("button", { name: "+ Add record" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shot}-bottom.png` });
    await context.close();
  }
});
