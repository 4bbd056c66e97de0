import { describe, expect } from "vitest";
import {
  decideApproval,
  diffVersions,
  getRun,
  getVersion,
  listVersions,
  publishWorkflow,
  restoreVersion,
  startRun,
} from "@/lib/workflows";
import { dbTest } from "../helpers/db";
import {
  audits,
  reversedKeys,
  save,
  sha256,
  V1,
  V2,
  versionedWorkflow,
} from "../helpers/workflow-versions";

describe("workflow versions", () => {
  dbTest(
    "publishing twice lists the versions newest first with number, author, message and graph hash; an unchanged graph hashes the same",
    async ({ db, services }) => {
      const { owner, editor, team, workflowId } = await versionedWorkflow(db, services);
      await publishWorkflow({ ctx: owner, input: { workflowId, revision: 1, message: "first" } });
      const revision = await save(editor, workflowId, V2);
      const { version } = await publishWorkflow({
        ctx: editor,
        input: { workflowId, revision, message: "second" },
      });
      expect(version).toMatchObject({ number: 2, message: "second", graphHash: sha256(V2) });
      const { versions, published } = await listVersions({ ctx: owner, input: { workflowId } });
      expect(published).toBe(2);
      expect(versions.map((v) => v.author?.email)).toEqual([
        team.editor.actor.email,
        team.owner.actor.email,
      ]);
      expect(versions.map(({ createdAt: _c, author: _a, ...v }) => v)).toEqual([
        { number: 2, message: "second", graphHash: sha256(V2), authorId: team.editor.actor.userId },
        { number: 1, message: "first", graphHash: sha256(V1), authorId: team.owner.actor.userId },
      ]);
      expect(sha256(V1)).not.toBe(sha256(V2));
      expect(
        (await getVersion({ ctx: owner, input: { workflowId, number: 1 } })).version.graph,
      ).toEqual(V1);

      // The same graph again, even saved with its keys in another order, is the same hash.
      const again = await save(owner, workflowId, reversedKeys(V2));
      const v3 = await publishWorkflow({ ctx: owner, input: { workflowId, revision: again } });
      expect(v3.version).toMatchObject({ number: 3, graphHash: sha256(V2) });
      const v4 = await publishWorkflow({ ctx: owner, input: { workflowId, revision: again } });
      expect(v4.version).toMatchObject({ number: 4, graphHash: sha256(V2) });

      // Every publish is audited, by whoever published, with the version and its hash.
      expect((await audits(db, workflowId)).filter((a) => a.action === "workflow.publish")).toEqual(
        [
          {
            action: "workflow.publish",
            actorId: team.owner.actor.userId,
            metadata: { version: 1, message: "first", graphHash: sha256(V1) },
          },
          {
            action: "workflow.publish",
            actorId: team.editor.actor.userId,
            metadata: { version: 2, message: "second", graphHash: sha256(V2) },
          },
          {
            action: "workflow.publish",
            actorId: team.owner.actor.userId,
            metadata: { version: 3, message: "", graphHash: sha256(V2) },
          },
          {
            action: "workflow.publish",
            actorId: team.owner.actor.userId,
            metadata: { version: 4, message: "", graphHash: sha256(V2) },
          },
        ],
      );
    },
  );

  dbTest(
    "a run keeps the version it started on after a newer one is published",
    async ({ db, services }) => {
      const { owner, editor, workflowId } = await versionedWorkflow(db, services);
      await publishWorkflow({ ctx: owner, input: { workflowId, revision: 1 } });
      const { run: first } = await startRun({ ctx: owner, input: { workflowId } });
      expect(first.version).toBe(1);
      await publishWorkflow({
        ctx: owner,
        input: { workflowId, revision: await save(owner, workflowId, V2) },
      });
      const { run: second } = await startRun({ ctx: owner, input: { workflowId } });
      expect(second.version).toBe(2);
      // Both wait for their review; the first one resumes after v2 is out, on its own graph.
      for (const run of [first, second]) {
        const now = await getRun({ ctx: owner, input: { runId: run.id } });
        expect(now.run).toMatchObject({ version: run.version, status: "waiting_approval" });
        const { approvals } = now;
        await decideApproval({
          ctx: editor,
          input: { approvalId: approvals[0]!.id, decision: "approve" },
        });
      }
      const one = await getRun({ ctx: owner, input: { runId: first.id } });
      expect(one.run).toMatchObject({ version: 1, status: "succeeded", output: "v1" });
      expect(one.steps.map((s) => s.nodeId).sort()).toEqual(["note", "out", "review", "trigger"]);
      expect(one.approvals[0]!.prompt).toBe("Go on?");
      const two = await getRun({ ctx: owner, input: { runId: second.id } });
      expect(two.run).toMatchObject({ version: 2, status: "succeeded", output: "v2" });
      expect(two.steps.map((s) => s.nodeId).sort()).toEqual(["extra", "out", "review", "trigger"]);
    },
  );

  dbTest(
    "a diff names nodes and edges added and removed and every changed field; the draft is version 0",
    async ({ db, services }) => {
      const { owner, workflowId } = await versionedWorkflow(db, services);
      await publishWorkflow({ ctx: owner, input: { workflowId, revision: 1 } });
      await publishWorkflow({
        ctx: owner,
        input: { workflowId, revision: await save(owner, workflowId, V2) },
      });
      const { diff } = await diffVersions({ ctx: owner, input: { workflowId, from: 1, to: 2 } });
      expect(diff).toEqual({
        nodes: {
          added: [V2.nodes[3]],
          removed: [V1.nodes[3]],
          changed: [
            {
              id: "out",
              type: "output",
              fields: [
                { path: "config.expression", before: '"v1"', after: '"v2"', kind: "changed" },
              ],
            },
            {
              id: "review",
              type: "approval",
              fields: [
                { path: "config.prompt", before: "Go on?", after: "Ship v2?", kind: "changed" },
                { path: "position.x", before: 0, after: 40, kind: "changed" },
              ],
            },
          ],
        },
        edges: { added: [V2.edges[2]], removed: [V1.edges[2]], changed: [] },
        layoutOnly: false,
        summary: "1 node added, 1 removed, 2 changed; 1 edge added, 1 removed",
      });
      // The draft is what was published last: no changes; v1 against it is v1 against v2.
      const same = await diffVersions({ ctx: owner, input: { workflowId, from: 2, to: 0 } });
      expect(same.diff).toMatchObject({ layoutOnly: false, summary: "No changes." });
      expect(
        (await diffVersions({ ctx: owner, input: { workflowId, from: 1, to: 0 } })).diff,
      ).toEqual(diff);
      // Moving a node in the draft is a layout-only change.
      const moved = {
        ...V2,
        nodes: V2.nodes.map((n) => (n.id === "out" ? { ...n, position: { x: 5, y: 200 } } : n)),
      };
      await save(owner, workflowId, moved);
      const layout = await diffVersions({ ctx: owner, input: { workflowId, from: 2, to: 0 } });
      expect(layout.diff).toMatchObject({
        layoutOnly: true,
        summary: "1 node moved (layout only)",
      });
      await expect(
        diffVersions({ ctx: owner, input: { workflowId, from: 1, to: 9 } }),
      ).rejects.toMatchObject({
        status: 404,
        message: "Version not found.",
      });
    },
  );

  dbTest(
    "restoring copies a version into the draft as the next revision, audited",
    async ({ db, services }) => {
      const { owner, editor, team, workflowId } = await versionedWorkflow(db, services);
      await publishWorkflow({ ctx: owner, input: { workflowId, revision: 1 } });
      const revision = await save(owner, workflowId, V2);
      await publishWorkflow({ ctx: owner, input: { workflowId, revision } });
      const { workflow } = await restoreVersion({ ctx: editor, input: { workflowId, number: 1 } });
      expect(workflow).toMatchObject({
        draft: V1,
        revision: revision + 1,
        publishedVersion: 2,
        issues: [],
      });
      const restores = (await audits(db, workflowId)).filter(
        (a) => a.action === "workflow.restore",
      );
      expect(restores).toEqual([
        {
          action: "workflow.restore",
          actorId: team.editor.actor.userId,
          metadata: { version: 1, fromRevision: revision },
        },
      ]);
      // The restored draft is v1's graph again: published, it hashes as v1 did.
      const v3 = await publishWorkflow({
        ctx: editor,
        input: { workflowId, revision: revision + 1 },
      });
      expect(v3.version).toMatchObject({ number: 3, graphHash: sha256(V1) });
      await expect(
        restoreVersion({ ctx: editor, input: { workflowId, number: 7 } }),
      ).rejects.toMatchObject({
        status: 404,
      });
      expect((await audits(db, workflowId)).map((a) => a.action)).toEqual([
        "workflow.create",
        "workflow.publish",
        "workflow.publish",
        "workflow.restore",
        "workflow.publish",
      ]);
    },
  );
});
