import { describe, expect, it } from "vitest";
import { requireAdmin, requireUser } from "@/lib/auth/authorize";
import { actingUser, ANONYMOUS, type Actor, type Ctx, type UserActor } from "@/lib/context";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Lifecycle } from "@/lib/lifecycle";
import { createLogger } from "@/lib/log";
import { rateLimitFor } from "@/lib/rate-limit/policy";

const member: UserActor = {
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000001",
  email: "m@example.com",
  role: "member",
  tier: "free",
  via: "api_key",
  apiKeyId: "00000000-0000-4000-8000-000000000009",
  scopes: ["read"],
};
const job = (onBehalfOf?: UserActor): Actor => ({
  kind: "system",
  job: "workflow-run",
  onBehalfOf,
});
const as = (actor: Actor) => ({ actor }) as Ctx;
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { status: (err as AppError).status, message: (err as AppError).message };
  }
  return null;
};

describe("the system actor", () => {
  it("is refused by every service that does not opt in, naming the job", () => {
    expect(refusal(() => requireUser(as(job(member))))).toEqual({
      status: 403,
      message: 'Background jobs cannot do this (job "workflow-run").',
    });
    expect(refusal(() => requireAdmin(as(job({ ...member, role: "admin" }))))).toMatchObject({
      status: 403,
    });
  });

  it("acts as its user where a service opts in, with that user's permissions", () => {
    expect(requireUser(as(job(member)), { system: true, scope: "read" })).toBe(member);
    expect(refusal(() => requireUser(as(job(member)), { system: true, scope: "write" }))).toEqual({
      status: 403,
      message: 'This API key lacks the "write" scope.',
    });
  });

  it("acting for nobody, or where a signed-in session is required, is refused", () => {
    expect(refusal(() => requireUser(as(job()), { system: true }))).toEqual({
      status: 403,
      message: 'Job "workflow-run" acts for no user, so it cannot do this.',
    });
    expect(refusal(() => requireUser(as(job(member)), { system: true, session: true }))).toEqual({
      status: 403,
      message: 'Background jobs cannot do this (job "workflow-run").',
    });
  });

  it("is charged to its user, and never spends an HTTP rate-limit budget", () => {
    expect(actingUser(job(member))).toBe(member);
    expect(actingUser(job())).toBeUndefined();
    expect(actingUser(ANONYMOUS)).toBeUndefined();
    const env = parseEnv({ ENVIRONMENT: "test" });
    expect(rateLimitFor("api", job(member), "203.0.113.1", env)).toBeNull();
    expect(rateLimitFor("api", member, "203.0.113.1", env)).toMatchObject({
      key: `user:${member.userId}`,
    });
  });

  it("anonymous callers still get 401, users 403 for a missing scope", () => {
    expect(refusal(() => requireUser(as(ANONYMOUS)))).toMatchObject({ status: 401 });
    expect(refusal(() => requireUser(as(member), { scope: "admin" }))).toEqual({
      status: 403,
      message: 'This API key lacks the "admin" scope.',
    });
  });
});

describe("lifecycle", () => {
  it("runs each shutdown hook once, the last registered first, past one that fails", async () => {
    const lifecycle = new Lifecycle(createLogger("silent"));
    const ran: string[] = [];
    lifecycle.onShutdown("database", () => void ran.push("database"));
    lifecycle.onShutdown("ledger", async () => {
      ran.push("ledger");
      throw new Error("disk full");
    });
    lifecycle.onShutdown("ledger", () => void ran.push("a second ledger hook is ignored"));
    lifecycle.onShutdown("cache", () => void ran.push("cache"));
    await Promise.all([lifecycle.shutdown(), lifecycle.shutdown()]);
    await lifecycle.shutdown();
    expect(ran).toEqual(["cache", "ledger", "database"]);
  });
});
