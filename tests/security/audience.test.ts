import { describe, expect } from "vitest";
import * as audit from "@/app/api/admin/audit/route";
import * as budget from "@/app/api/admin/budgets/[id]/route";
import * as budgets from "@/app/api/admin/budgets/route";
import * as model from "@/app/api/admin/models/[id]/route";
import * as models from "@/app/api/admin/models/route";
import * as user from "@/app/api/admin/users/[id]/route";
import * as users from "@/app/api/admin/users/route";
import { POST as register } from "@/app/api/auth/register/route";
import * as cleanup from "@/app/api/cache/cleanup/route";
import * as cache from "@/app/api/cache/route";
import * as stats from "@/app/api/cache/stats/route";
import { POST as createProject } from "@/app/api/projects/route";
import { registerUser, signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call, type CallOptions } from "../helpers/http";

type Handler = Parameters<typeof call>[0];
const ID = "00000000-0000-4000-8000-000000000000";
/** Bodies and queries each endpoint would refuse, so a 422 would show its schema. */
const BAD: CallOptions = { json: { nonsense: "x".repeat(10), role: 42, limitUsd: "lots" } };
const BAD_QUERY = "?page=-1&pageSize=huge&unknown=1";

const adminRoutes: [string, Handler, CallOptions, string?][] = [
  ["GET /api/admin/users", users.GET, {}, BAD_QUERY],
  ["PATCH /api/admin/users/:id", user.PATCH, { method: "PATCH", params: { id: ID }, ...BAD }],
  ["GET /api/admin/audit", audit.GET, {}, BAD_QUERY],
  ["GET /api/admin/models", models.GET, {}],
  ["PUT /api/admin/models/:id", model.PUT, { method: "PUT", params: { id: "m" }, ...BAD }],
  ["DELETE /api/admin/models/:id", model.DELETE, { method: "DELETE", params: { id: "m" } }],
  ["GET /api/admin/budgets", budgets.GET, {}],
  ["PUT /api/admin/budgets", budgets.PUT, { method: "PUT", ...BAD }],
  ["DELETE /api/admin/budgets/:id", budget.DELETE, { method: "DELETE", params: { id: ID } }],
  ["DELETE /api/cache", cache.DELETE, { method: "DELETE" }, "?taskType=nonsense"],
  ["GET /api/cache/stats", stats.GET, {}],
  ["POST /api/cache/cleanup", cleanup.POST, { method: "POST", ...BAD }],
];

describe("who may call a route is decided before its input is read", () => {
  dbTest.each(adminRoutes)(
    "%s: a member gets 403, an anonymous caller with any cookie 401, neither a schema",
    async (name, handler, options, query = "") => {
      await registerUser(); // the first account is the admin: the member below is not
      const { cookie } = await signedInUser("member");
      const path = `${name.split(" ")[1]}${query}`;
      const member = await call(handler, path, { ...options, cookie });
      const asMember = await member.json();
      expect([member.status, asMember.error.code, asMember.error.details]).toEqual([
        403,
        "forbidden",
        undefined,
      ]);
      const stranger = await call(handler, path, { ...options, cookie: "auth_token=forged" });
      const asStranger = await stranger.json();
      expect([stranger.status, asStranger.error.code, asStranger.error.details]).toEqual([
        401,
        "unauthorized",
        undefined,
      ]);
    },
  );

  dbTest("a user route refuses an anonymous caller with 401 before validating", async () => {
    const res = await call(createProject, "/api/projects", {
      cookie: "auth_token=forged",
      json: { name: 42 },
    });
    expect([res.status, (await res.json()).error.details]).toEqual([401, undefined]);
  });

  dbTest("a public route still validates for anyone", async () => {
    const res = await call(register, "/api/auth/register", { json: { email: 42 } });
    expect([res.status, (await res.json()).error.code]).toEqual([422, "validation"]);
  });
});
