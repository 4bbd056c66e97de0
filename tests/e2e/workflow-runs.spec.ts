import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { WorkflowRunsPage } from "./pages/workflow-runs-page";

test.use({ storageState: ADMIN.file });

// trigger → shape (transform) → out: runs without any provider.
const SHAPE = [
  { id: "trigger", type: "trigger", config: { inputs: [{ name: "topic", type: "string" }] } },
  {
    id: "shape",
    type: "transform",
    label: "Shape it",
    config: { expression: 'trigger.topic + "!"' },
  },
  { id: "out", type: "output", config: { expression: "shape" } },
];
const chain = (ids: string[]) =>
  ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i]!, target: id }));

// trigger → review (approval) → yes | no: a run that waits for a person.
const REVIEW = [
  { id: "trigger", type: "trigger", config: { inputs: [] } },
  { id: "review", type: "approval", config: { prompt: "Ship it?" } },
  { id: "yes", type: "output", config: { expression: '"shipped"' } },
  { id: "no", type: "output", config: { expression: '"held"' } },
];
const REVIEW_EDGES = [
  { id: "e0", source: "trigger", target: "review" },
  { id: "e1", source: "review", target: "yes", sourceHandle: "approved" },
  { id: "e2", source: "review", target: "no", sourceHandle: "rejected" },
];

test("workflow runs: the list filters, a run page shows its steps live, expands an output, re-runs from a step", async ({
  page,
}) => {
  const runs = new WorkflowRunsPage(page);
  const projectId = await runs.project("Runs");
  const wf = await runs.publishedWorkflow(
    projectId,
    "Shouter",
    SHAPE,
    chain(["trigger", "shape", "out"]),
  );

  await runs.openList(wf);
  await expect(page.getByText("No runs yet — run it from the")).toBeVisible();

  const first = await runs.startRun(wf, { topic: "cats" });
  const second = await runs.startRun(wf, { topic: "dogs" });
  await runs.waitForStatus(first, "succeeded");
  await runs.waitForStatus(second, "succeeded");

  await runs.openList(wf);
  await expect(runs.rows).toHaveCount(2);
  await expect(runs.rows.first()).toContainText("Succeeded");
  await expect(runs.rows.first()).toContainText("By hand");
  await expect(runs.rows.first()).toContainText("v1");

  // The filter is a plain GET form: the address says what is shown.
  await runs.filter("Failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByText("No runs match.")).toBeVisible();
  await runs.filter("Succeeded");
  await expect(runs.rows).toHaveCount(2);

  // The newest run first; its row opens the run page.
  await runs.rows.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${second}$`));
  await expect(runs.runStatus).toHaveText("Succeeded");
  await expect(runs.steps).toHaveCount(3);
  for (const id of ["trigger", "shape", "out"])
    await expect(runs.step(id)).toContainText("Succeeded");
  await expect(runs.step("shape")).toContainText("Shape it");
  const output = await runs.expandStep("shape");
  await expect(output).toHaveText('"dogs!"');

  // Re-run from the transform: a new run, whose trigger step is the earlier one's output reused.
  await runs.step("shape").getByRole("button", { name: "Re-run from here" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${second}$`));
  await expect(runs.runStatus).toHaveText("Succeeded", { timeout: 20_000 });
  await expect(runs.step("trigger")).toContainText("Output reused from the earlier run.");
  await expect(runs.step("shape")).not.toContainText("Output reused");
  await expect(page.getByText("Re-run", { exact: true })).toBeVisible();

  await runs.openList(wf);
  await expect(runs.rows).toHaveCount(3);
  await expect(runs.rows.first()).toContainText("Re-run");

  // A cursor that is not a time shows the first page (not an error page).
  await page.goto(`/workflows/${wf}/runs?before=not-a-time`);
  await expect(runs.rows).toHaveCount(3);
});

test("workflow runs: a waiting run shows its approval, is approved with a comment, and another is cancelled", async ({
  page,
}) => {
  const runs = new WorkflowRunsPage(page);
  const projectId = await runs.project("Reviews");
  const wf = await runs.publishedWorkflow(projectId, "Gatekeeper", REVIEW, REVIEW_EDGES);

  const approved = await runs.startRun(wf, {});
  await runs.waitForStatus(approved, "waiting_approval");
  await runs.openRun(wf, approved);
  await expect(runs.runStatus).toHaveText("Waiting for approval");
  await expect(runs.step("review")).toContainText("Waiting");
  const approvals = page.getByRole("list", { name: "Pending approvals" });
  await expect(approvals).toContainText("Ship it?");
  await approvals.getByLabel("Comment").fill("Looks good");
  await approvals.getByRole("button", { name: "Approve" }).click();
  // Live: the page follows the run to its end without a reload.
  await expect(runs.runStatus).toHaveText("Succeeded", { timeout: 20_000 });
  await expect(approvals).toHaveCount(0);
  await expect(runs.step("yes")).toContainText("Succeeded");
  await expect(runs.step("no")).toContainText("Skipped");

  const cancelled = await runs.startRun(wf, {});
  await runs.waitForStatus(cancelled, "waiting_approval");
  await runs.openRun(wf, cancelled);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(runs.runStatus).toHaveText("Cancelled");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Pending approvals" })).toHaveCount(0);

  await runs.openList(wf);
  await runs.filter("Cancelled");
  await expect(runs.rows).toHaveCount(1);
});

test("workflow runs: the start-run form types its inputs and reports what is wrong next to the field", async ({
  page,
}) => {
  const runs = new WorkflowRunsPage(page);
  const projectId = await runs.project("Forms");
  const nodes = [
    {
      id: "trigger",
      type: "trigger",
      config: {
        inputs: [
          { name: "topic", type: "string", description: "What to shout" },
          { name: "times", type: "number" },
          { name: "loud", type: "boolean", required: false },
        ],
      },
    },
    { id: "out", type: "output", config: { expression: "trigger" } },
  ];
  const wf = await runs.publishedWorkflow(projectId, "Typed", nodes, chain(["trigger", "out"]));
  await runs.openList(wf);
  await page.getByRole("button", { name: "Start a run" }).click();
  const dialog = page.getByRole("dialog", { name: "Start a run" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/^topic/)).toBeFocused();
  await expect(dialog.getByLabel("Run published version")).toBeChecked();

  await dialog.getByLabel(/^times/).fill("many");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByText("Topic is required.")).toBeVisible();
  await expect(dialog.getByText("Times must be a number.")).toBeVisible();
  await expect(dialog.getByLabel(/^topic/)).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Start a run" }).click();
  await dialog.getByLabel(/^topic/).fill("hello");
  await dialog.getByLabel(/^times/).fill("3");
  await dialog.getByLabel(/^loud/).check();
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${wf}/runs/[0-9a-f-]{36}$`));
  await expect(runs.runStatus).toHaveText("Succeeded", { timeout: 20_000 });
  const output = await runs.expandStep("out");
  await expect(output).toContainText('"times": 3');
  await expect(output).toContainText('"loud": true');
});

test("workflow runs: an unknown workflow or run is a 404 page", async ({ page }) => {
  const missing = "00000000-0000-4000-8000-000000000000";
  const res = await page.goto(`/workflows/${missing}/runs`);
  expect(res?.status()).toBe(404);
  const runs = new WorkflowRunsPage(page);
  const projectId = await runs.project("Missing");
  const wf = await runs.publishedWorkflow(
    projectId,
    "Lonely",
    SHAPE,
    chain(["trigger", "shape", "out"]),
  );
  expect((await page.goto(`/workflows/${wf}/runs/${missing}`))?.status()).toBe(404);
});

test("workflow runs: more than a page of runs pages with Older and back to Newest", async ({
  page,
}) => {
  const runs = new WorkflowRunsPage(page);
  const projectId = await runs.project("Paging");
  const wf = await runs.publishedWorkflow(
    projectId,
    "Busy",
    SHAPE,
    chain(["trigger", "shape", "out"]),
  );
  const ids: string[] = [];
  for (let i = 0; i < 26; i++) ids.push(await runs.startRun(wf, { topic: `n${i}` }));
  await expect
    .poll(
      async () =>
        (
          await runs.call<{ runs: unknown[] }>(
            "GET",
            `/api/workflows/${wf}/runs?status=succeeded&limit=100`,
          )
        ).runs.length,
      { timeout: 45_000 },
    )
    .toBe(26);
  await runs.openList(wf);
  await expect(runs.rows).toHaveCount(25);
  await expect(runs.rows.first()).toHaveAttribute("data-run-id", ids[25]!);
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(runs.rows).toHaveCount(1);
  await expect(runs.rows.first()).toHaveAttribute("data-run-id", ids[0]!);
  await expect(page.getByRole("link", { name: "Older →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Newest" }).click();
  await expect(runs.rows).toHaveCount(25);
});
