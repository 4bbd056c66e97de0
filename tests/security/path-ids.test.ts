import { describe, expect } from "vitest";
import { DELETE as deleteBudget } from "@/app/api/admin/budgets/[id]/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as getDatabase } from "@/app/api/projects/[id]/databases/[dbId]/route";
import { PATCH as patchRecord } from "@/app/api/projects/[id]/databases/[dbId]/records/[recordId]/route";
import { GET as getDocument } from "@/app/api/projects/[id]/documents/[docId]/route";
import { PATCH as patchMember } from "@/app/api/projects/[id]/members/[userId]/route";
import { GET as getProject } from "@/app/api/projects/[id]/route";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call, type CallOptions } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

/**
 * A path id that cannot be a row id — malformed, very long, with a NUL byte — is "not found",
 * exactly like an unknown or someone else's: never a validation error that would tell them apart.
 */
const routes: [string, Handler, (id: string) => CallOptions][] = [
  ["GET project", getProject, (id) => ({ params: { id } })],
  ["GET database", getDatabase, (id) => ({ params: { id, dbId: id } })],
  [
    "PATCH record",
    patchRecord,
    (id) => ({ method: "PATCH", params: { id, dbId: id, recordId: id }, json: { data: {} } }),
  ],
  ["GET document", getDocument, (id) => ({ params: { id, docId: id } })],
  [
    "PATCH member",
    patchMember,
    (id) => ({ method: "PATCH", params: { id, userId: id }, json: { role: "viewer" } }),
  ],
  ["GET conversation", getConversation, (id) => ({ params: { id } })],
  ["DELETE key", revokeKey, (id) => ({ method: "DELETE", params: { id } })],
  [
    "PATCH admin user",
    patchUser,
    (id) => ({ method: "PATCH", params: { id }, json: { role: "member" } }),
  ],
  ["DELETE budget", deleteBudget, (id) => ({ method: "DELETE", params: { id } })],
];

describe("ids in the path that cannot exist are 404, never 422", () => {
  dbTest.each(routes)("%s", async (_name, handler, options) => {
    const { cookie } = await signedInUser("admin"); // the first account: admin, so admin routes reach their lookup
    for (const id of ["a".repeat(101), "x".repeat(5000), "0000\u0000", "not-a-uuid"]) {
      const res = await call(handler, "/api/x", { cookie, ...options(id) });
      expect([id.slice(0, 8), res.status]).toEqual([id.slice(0, 8), 404]);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });
});
