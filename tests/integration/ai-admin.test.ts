import { beforeAll, describe, expect } from "vitest";
import { GET as getBudgets, PUT as putBudget } from "@/app/api/admin/budgets/route";
import { GET as getCatalogue } from "@/app/api/admin/models/route";
import { DELETE as resetModel, PUT as putModel } from "@/app/api/admin/models/[id]/route";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { DELETE as clearCache } from "@/app/api/cache/route";
import { POST as cleanupCache } from "@/app/api/cache/cleanup/route";
import { GET as cacheStats } from "@/app/api/cache/stats/route";
import { getServices } from "@/lib/services";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";

// The admin side of the router over HTTP: response cache, model catalogue and budgets.
const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

describe("admin: cache, catalogue, budgets", () => {
  routerTest(
    "cache stats/cleanup/clear are admin-only and report per task type",
    async ({ install }) => {
      await install(fake);
      const admin = await signedInUser("admin"); // the first user of a fresh database may be admin; make sure below
      const member = await signedInUser("member");
      await call(aiChat, "/api/ai/chat", {
        json: { messages: [{ role: "user", content: "cache me" }] },
        cookie: member.cookie,
      });
      await call(aiChat, "/api/ai/chat", {
        json: { messages: [{ role: "user", content: "cache me" }] },
        cookie: member.cookie,
      });
      expect((await call(cacheStats, "/api/cache/stats", { cookie: member.cookie })).status).toBe(
        403,
      );
      expect(
        (await call(clearCache, "/api/cache", { method: "DELETE", cookie: member.cookie })).status,
      ).toBe(403);
      const adminCookie = admin.user.role === "admin" ? admin.cookie : await promote(admin);
      const stats = await (
        await call(cacheStats, "/api/cache/stats", { cookie: adminCookie })
      ).json();
      expect(stats).toMatchObject({
        status: "ok",
        entries: 1,
        hits: 1,
        misses: 1,
        hitRate: 0.5,
        byTaskType: { chat: { entries: 1, hits: 1 } },
      });
      expect(stats.bytes).toBeGreaterThan(0);
      expect(
        (
          await (
            await call(cleanupCache, "/api/cache/cleanup", { method: "POST", cookie: adminCookie })
          ).json()
        ).removed,
      ).toBe(0);
      const bad = await call(clearCache, "/api/cache?taskType=poetry", {
        method: "DELETE",
        cookie: adminCookie,
      });
      expect(bad.status).toBe(422);
      expect(
        (
          await (
            await call(clearCache, "/api/cache?taskType=code", {
              method: "DELETE",
              cookie: adminCookie,
            })
          ).json()
        ).removed,
      ).toBe(0);
      expect(
        (
          await (
            await call(clearCache, "/api/cache", { method: "DELETE", cookie: adminCookie })
          ).json()
        ).removed,
      ).toBe(1);
      expect(getServices().cache.stats().entries).toBe(0);
    },
  );

  routerTest(
    "an admin edits the catalogue (disable a model → routing moves on; reset → back) and sets a budget",
    async ({ install }) => {
      await install(fake);
      const admin = await signedInUser("cat-admin");
      const adminCookie = admin.user.role === "admin" ? admin.cookie : await promote(admin);
      const member = await signedInUser("cat-member");
      const edit = {
        provider: "openai",
        inputPerMTok: 0.2,
        outputPerMTok: 0.8,
        contextWindow: 128000,
        capabilities: ["json"],
        quality: 2,
        enabled: false,
      };
      expect(
        (
          await call(putModel, "/api/admin/models/gpt-4o-mini", {
            method: "PUT",
            json: edit,
            cookie: member.cookie,
            params: { id: "gpt-4o-mini" },
          })
        ).status,
      ).toBe(403);
      const res = await call(putModel, "/api/admin/models/gpt-4o-mini", {
        method: "PUT",
        json: edit,
        cookie: adminCookie,
        params: { id: "gpt-4o-mini" },
      });
      expect(res.status).toBe(200);
      const catalogue = await (
        await call(getCatalogue, "/api/admin/models", { cookie: adminCookie })
      ).json();
      expect(catalogue.models.find((m: { id: string }) => m.id === "gpt-4o-mini")).toMatchObject({
        enabled: false,
        source: "edited",
        inputPerMTok: 0.2,
      });
      const routed = await (
        await call(aiChat, "/api/ai/chat", {
          json: { messages: [{ role: "user", content: "hello there" }] },
          cookie: member.cookie,
        })
      ).json();
      expect(routed.decision.model).toBe("claude-3-5-haiku-latest");

      const badEdit = await call(putModel, "/api/admin/models/x", {
        method: "PUT",
        json: { ...edit, quality: 7 },
        cookie: adminCookie,
        params: { id: "x" },
      });
      expect(badEdit.status).toBe(422);
      expect((await badEdit.json()).error.details.fields[0].field).toBe("quality");

      // A malformed escape in the id: the admin is told which field; anyone else only "forbidden".
      const malformed = { method: "PUT", json: edit, params: { id: "bad%E0%A4%A" } };
      const asMember = await call(putModel, "/api/admin/models/x", {
        ...malformed,
        cookie: member.cookie,
      });
      expect(asMember.status).toBe(403);
      const asAdmin = await call(putModel, "/api/admin/models/x", {
        ...malformed,
        cookie: adminCookie,
      });
      expect(asAdmin.status).toBe(422);
      expect((await asAdmin.json()).error.details.fields).toEqual([
        {
          field: "id",
          message: "may contain letters, digits and . : / @ _ - only",
          code: "invalid_format",
        },
      ]);
      // An encoded id is the model it names.
      const encoded = await call(putModel, "/api/admin/models/x", {
        method: "PUT",
        json: { ...edit, provider: "compat:local" },
        cookie: adminCookie,
        params: { id: "compat%3Alocal%2Fllama3" },
      });
      expect((await encoded.json()).model.id).toBe("compat:local/llama3");

      expect(
        (
          await call(resetModel, "/api/admin/models/gpt-4o-mini", {
            method: "DELETE",
            cookie: adminCookie,
            params: { id: "gpt-4o-mini" },
          })
        ).status,
      ).toBe(204);
      const back = await (
        await call(aiChat, "/api/ai/chat", {
          json: { messages: [{ role: "user", content: "hello again" }] },
          cookie: member.cookie,
        })
      ).json();
      expect(back.decision.model).toBe("gpt-4o-mini");

      const budget = await call(putBudget, "/api/admin/budgets", {
        method: "PUT",
        json: { scope: "user", subjectId: member.user.id, period: "day", limitUsd: 0 },
        cookie: adminCookie,
      });
      expect(budget.status).toBe(200);
      expect(
        (await (await call(getBudgets, "/api/admin/budgets", { cookie: adminCookie })).json())
          .budgets,
      ).toHaveLength(1);
      const capped = await call(aiChat, "/api/ai/chat", {
        json: { messages: [{ role: "user", content: "over budget" }] },
        cookie: member.cookie,
      });
      expect(capped.status).toBe(429);
      expect(capped.headers.get("x-should-retry")).toBe("false"); // OpenAI SDKs would otherwise retry twice
      expect(Number(capped.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await capped.json()).toMatchObject({
        error: {
          code: "limit_exceeded",
          message: expect.stringContaining("daily AI budget of $0.00 is used up"),
        },
      });
    },
  );
});

async function promote(user: {
  user: { id: string };
  email: string;
  password: string;
}): Promise<string> {
  const { getServices } = await import("@/lib/services");
  const { users } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  await (
    await getServices().database.db()
  )
    .update(users)
    .set({ role: "admin" })
    .where(eq(users.id, user.user.id));
  const { signIn } = await import("../helpers/auth");
  const { session } = await signIn(user.email, user.password);
  return `auth_token=${session}`;
}
