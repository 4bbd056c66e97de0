import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { RunApprovals } from "@/components/workflows/runs/run-approvals";
import type { ApprovalView, ProjectRole } from "@/components/workflows/types";

// The run view offers Approve / Reject only to someone whose project role may decide: a viewer,
// or an editor facing an owners-only approval, is told who decides instead of getting a 403.
const approval = (role: ProjectRole): ApprovalView => ({
  id: `a-${role}`,
  runId: "r",
  projectId: "p",
  nodeId: "gate",
  itemPath: "",
  role,
  prompt: "Ship it?",
  status: "pending",
  decidedBy: null,
  comment: null,
  expiresAt: null,
  createdAt: "2026-12-07T10:00:00.000Z",
  decidedAt: null,
});
const render = (role: ProjectRole | undefined, needs: ProjectRole) =>
  renderToStaticMarkup(createElement(RunApprovals, { approvals: [approval(needs)], role }));

it.each([
  ["owner", "owner", true],
  ["owner", "editor", true],
  ["editor", "editor", true],
  ["editor", "owner", false],
  ["viewer", "viewer", true],
  ["viewer", "editor", false],
] as const)("a %s facing an approval for %s: controls %s", (role, needs, may) => {
  const html = render(role, needs);
  expect(html).toContain("Ship it?");
  expect(html.includes(">Approve<")).toBe(may);
  expect(html.includes(`Someone with the ${needs} role decides this one.`)).toBe(!may);
});
