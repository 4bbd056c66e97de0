import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { GET as getBudgets, PUT as putBudget } from "@/app/api/admin/budgets/route";
import { users } from "@/db/schema";
import { deleteBudget, listBudgets, setBudget } from "@/lib/ai/admin";
import { ListBudgetsOutput } from "@/lib/ai/admin/schemas";
import { createProject, deleteProject } from "@/lib/projects";
import { signedInUser } from "../helpers/auth";
import { dbTest, userCtx } from "../helpers/db";
import { call } from "../helpers/http";

// AI budgets as admins read and set them: whose a cap is, and what a cap may be.
describe("admin: budgets say whose they are", () => {
  dbTest("a cap on a user or project that does not exist is a field error", async ({ db }) => {
    const admin = await userCtx(db, { role: "admin" });
    for (const scope of ["user", "project"] as const) {
      const refused = await setBudget({
        ctx: admin,
        input: { scope, subjectId: crypto.randomUUID(), period: "month", limitUsd: 5 },
      }).catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: "validation",
        details: { fields: [{ field: "subjectId", message: `does not belong to any ${scope}` }] },
      });
    }
    expect((await listBudgets({ ctx: admin })).budgets).toEqual([]);
  });

  dbTest(
    "user caps carry the email and name, project caps the name; the ids stay",
    async ({ db }) => {
      const admin = await userCtx(db, { role: "admin" });
      const bob = await userCtx(db, { email: `bob-${Date.now()}@example.com` });
      await db.update(users).set({ name: "Bob Builder" }).where(eq(users.id, bob.actor.userId));
      const { project } = await createProject({ ctx: admin, input: { name: "Apollo" } });
      const { project: gone } = await createProject({ ctx: admin, input: { name: "Gemini" } });
      const set = (scope: "user" | "project", subjectId: string) =>
        setBudget({ ctx: admin, input: { scope, subjectId, period: "month", limitUsd: 5 } });

      const saved = await set("user", bob.actor.userId);
      expect(saved.budget).toMatchObject({
        subjectId: bob.actor.userId,
        subjectEmail: bob.actor.email,
        subjectName: "Bob Builder",
      });
      await set("user", admin.actor.userId);
      await set("project", project.id);
      await set("project", gone.id);
      await deleteProject({ ctx: admin, input: { id: gone.id, confirm: "Gemini" } });

      const out = await listBudgets({ ctx: admin });
      expect(ListBudgetsOutput.parse(out)).toEqual(out);
      const of = (id: string) => out.budgets.find((b) => b.subjectId === id);
      expect(of(admin.actor.userId)).toMatchObject({
        scope: "user",
        subjectEmail: admin.actor.email,
        subjectName: null, // no display name given
      });
      expect(of(project.id)).toMatchObject({
        scope: "project",
        subjectEmail: null,
        subjectName: "Apollo",
      });
      expect(of(gone.id)).toMatchObject({ subjectEmail: null, subjectName: null });
      await deleteBudget({ ctx: admin, input: { id: of(gone.id)!.id } });
    },
  );

  dbTest("a cap is $0 or at least one cent, said in words that name the field", async () => {
    const admin = await signedInUser("admin");
    const put = (limitUsd: unknown) =>
      call(putBudget, "/api/admin/budgets", {
        method: "PUT",
        json: { scope: "user", subjectId: admin.user.id, period: "day", limitUsd },
        cookie: admin.cookie,
      });
    for (const [limitUsd, message] of [
      [0.001, "must be $0 (no AI use) or at least $0.01"],
      [-1, "must be at least $0"],
      ["5", "must be a number"],
    ] as const) {
      const res = await put(limitUsd);
      expect(res.status).toBe(422);
      expect((await res.json()).error.details.fields).toEqual([
        expect.objectContaining({ field: "limitUsd", message }),
      ]);
    }
    const ok = await put(0.01);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.budget).toMatchObject({ limitUsd: 0.01, subjectEmail: admin.email });
    const list = await (
      await call(getBudgets, "/api/admin/budgets", { cookie: admin.cookie })
    ).json();
    expect(list).toEqual(ListBudgetsOutput.parse(list));
    expect(list.budgets[0]).toEqual(body.budget);
  });
});
