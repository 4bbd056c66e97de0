import { describe, expect, it } from "vitest";
import { issuePlace, refusalState } from "@/components/workflows/list/form-state";
import { rowStatus, runStatusLabel } from "@/components/workflows/list/workflow-status";

const run = (status: "failed" | "succeeded") => ({ id: "r", status, createdAt: "" });

describe("a workflow row's status", () => {
  it.each([
    [{ publishedVersion: null, lastRun: null, recentFailures: 0 }, "draft only", null],
    [{ publishedVersion: 3, lastRun: run("succeeded"), recentFailures: 0 }, "published v3", null],
    [
      { publishedVersion: 1, lastRun: run("failed"), recentFailures: 1 },
      "published v1",
      "last run failed",
    ],
    [
      { publishedVersion: null, lastRun: run("succeeded"), recentFailures: 2 },
      "draft only",
      "2 failed of last 10",
    ],
  ] as const)("%o → %s / %s", (w, publication, failures) => {
    const s = rowStatus(w);
    expect(s.publication.label).toBe(publication);
    expect(s.failures?.label ?? null).toBe(failures);
    if (failures) expect(s.failures!.tone).toBe("danger");
  });

  it("words run statuses, and passes unknown ones through", () => {
    expect(runStatusLabel("waiting_approval")).toEqual({
      label: "waiting for approval",
      tone: "info",
    });
    expect(runStatusLabel("odd")).toEqual({ label: "odd", tone: "neutral" });
  });
});

describe("form state from a refusal", () => {
  const labels = { projectId: "Project", name: "Name", file: "The file" };
  it("puts field errors next to their fields and file problems in a list", () => {
    const s = refusalState(
      {
        status: 422,
        message: "x",
        details: {
          fields: [
            { field: "name", message: "is required" },
            { field: "file.version", message: "must be 1" },
            { field: "file", message: "is not valid JSON" },
          ],
        },
      },
      labels,
      { name: "" },
    );
    expect(s.fields).toEqual({ name: "Name is required.", file: "The file cannot be imported." });
    expect(s.fileProblems).toEqual(["version: must be 1", "is not valid JSON"]);
    expect(s.values).toEqual({ name: "" });
  });

  it.each([
    [404, "Project not found.", { projectId: "Choose one of your projects." }],
    [403, "This needs the editor role.", { projectId: "This needs the editor role." }],
    [
      409,
      'This project already has a workflow named "A".',
      { name: 'This project already has a workflow named "A".' },
    ],
  ])("%i goes to the field it is about", (status, message, fields) => {
    expect(refusalState({ status, message }, labels, {}).fields).toEqual(fields);
  });

  it("keeps graph issues whole, and says where each is", () => {
    const issues = [{ code: "dangling_edge", edgeId: "e2", message: "m" }];
    const s = refusalState({ status: 422, message: "2 problems", details: { issues } }, labels, {});
    expect(s).toMatchObject({ issues, error: "2 problems" });
    expect(
      issuePlace({ code: "invalid_config", nodeId: "a", field: "config.url", message: "" }),
    ).toBe("Node “a” · config.url");
    expect(issuePlace({ code: "dangling_edge", edgeId: "e2", message: "" })).toBe("Edge “e2”");
    expect(issuePlace({ code: "no_trigger", message: "" })).toBe("The graph");
  });
});
