import { describe, expect } from "vitest";
import { POST as createProjectPost } from "@/app/api/projects/route";
import { GET as readWorkflow, PATCH as patchWorkflow } from "@/app/api/workflows/[id]/route";
import { POST as publishPost } from "@/app/api/workflows/[id]/publish/route";
import { GET as versionsGet } from "@/app/api/workflows/[id]/versions/route";
import { POST as createWorkflowPost } from "@/app/api/workflows/route";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

/** A draft with one problem of each kind that names a node or an edge. */
const BROKEN = {
  nodes: [
    { id: "trigger", type: "trigger", config: { inputs: [] } },
    { id: "calc", type: "transform", config: { expression: "ghost.value + 1" } },
    { id: "beam", type: "teleport", config: {} },
    { id: "orphan", type: "output", config: { expression: '"x"' } },
    { id: "out", type: "output", config: { expression: "calc" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "calc" },
    { id: "e2", source: "calc", target: "out" },
    { id: "e3", source: "out", target: "orphan" },
    { id: "e4", source: "trigger", target: "nowhere" },
  ],
};
const ISSUES = [
  { code: "unknown_type", nodeId: "beam", field: "type", message: 'Unknown node type "teleport".' },
  {
    code: "handle_mismatch",
    edgeId: "e3",
    nodeId: "out",
    message: '"out" (output) has no outputs.',
  },
  { code: "dangling_edge", edgeId: "e4", message: 'The edge connects a missing node "nowhere".' },
  {
    code: "unreachable",
    nodeId: "orphan",
    message: 'Nothing leads to "orphan" from the trigger, so it never runs.',
  },
  {
    code: "unknown_variable",
    nodeId: "calc",
    field: "config.expression",
    message: 'reads "ghost", which no upstream node produces',
  },
];
const FIXED = {
  nodes: BROKEN.nodes.filter((n) => ["trigger", "calc", "out"].includes(n.id)),
  edges: BROKEN.edges.slice(0, 2),
};
FIXED.nodes[1] = { id: "calc", type: "transform", config: { expression: "1 + 1" } };

async function setup() {
  await signedInUser("first"); // the first user of a fresh database becomes admin; ours is a member
  const { cookie } = await signedInUser("publisher");
  const created = await call(createProjectPost, "/api/projects", { cookie, json: { name: "P" } });
  const { project } = await created.json();
  const res = await call(createWorkflowPost, "/api/workflows", {
    cookie,
    json: { projectId: project.id, name: "Broken", graph: BROKEN },
  });
  expect(res.status).toBe(201);
  const { workflow } = await res.json();
  const params = { id: workflow.id as string };
  const path = (rest = "") => `/api/workflows/${params.id}${rest}`;
  return { cookie, params, path, workflow };
}

describe("publishing over HTTP: problems and stale revisions get exact error bodies", () => {
  dbTest(
    "a draft with problems is saved (its issues shown) but publishing it is 422 listing each issue",
    async () => {
      const t = await setup();
      expect(t.workflow).toMatchObject({ revision: 1, publishedVersion: null, issues: ISSUES });
      const res = await call(publishPost, t.path("/publish"), {
        cookie: t.cookie,
        params: t.params,
        json: { revision: 1, message: "try" },
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({
        error: {
          code: "validation",
          message: "The draft has 5 problems; fix them to publish.",
          details: {
            issues: ISSUES,
            fields: [
              { field: "graph.beam.type", message: ISSUES[0]!.message },
              { field: "graph.out", message: ISSUES[1]!.message },
              { field: "graph.e4", message: ISSUES[2]!.message },
              { field: "graph.orphan", message: ISSUES[3]!.message },
              { field: "graph.calc.config.expression", message: ISSUES[4]!.message },
            ],
          },
        },
      });
      const versions = await call(versionsGet, t.path("/versions"), {
        cookie: t.cookie,
        params: t.params,
      });
      expect(await versions.json()).toEqual({ versions: [], published: null });
    },
  );

  dbTest("a stale revision is 409 for saving and for publishing, and changes nothing", async () => {
    const t = await setup();
    const patch = (json: unknown) =>
      call(patchWorkflow, t.path(), { cookie: t.cookie, params: t.params, json });
    const publish = (json: unknown) =>
      call(publishPost, t.path("/publish"), { cookie: t.cookie, params: t.params, json });
    const saved = await patch({ revision: 1, name: "Fixed", graph: FIXED });
    expect(saved.status).toBe(200);
    expect((await saved.json()).workflow).toMatchObject({ revision: 2, name: "Fixed", issues: [] });

    const stale = await patch({ revision: 1, name: "Lost edit" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({
      error: {
        code: "conflict",
        message:
          "The workflow was changed since revision 1 (it is at 2); reload it and apply your edit again.",
        details: { revision: 2 },
      },
    });
    const stalePublish = await publish({ revision: 1 });
    expect(stalePublish.status).toBe(409);
    expect(await stalePublish.json()).toEqual({
      error: {
        code: "conflict",
        message:
          "The draft was changed since revision 1 (it is at 2); review it and publish again.",
        details: { revision: 2 },
      },
    });
    const read = await call(readWorkflow, t.path(), { cookie: t.cookie, params: t.params });
    expect((await read.json()).workflow).toMatchObject({
      name: "Fixed",
      revision: 2,
      publishedVersion: null,
    });

    const published = await publish({ revision: 2, message: "fixed" });
    expect(published.status).toBe(201);
    expect((await published.json()).version).toMatchObject({ number: 1, message: "fixed" });
  });
});
