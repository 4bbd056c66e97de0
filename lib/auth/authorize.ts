import type { Ctx, Scope, UserActor } from "../context";
import { forbidden, unauthorized } from "../errors";

/**
 * Every service starts with one of these (defense in depth: proxy.ts is only an optimistic gate).
 * A read-only key doing a write gets 403 naming the missing scope.
 */
export function requireUser(ctx: Ctx, opts: { scope?: Scope; session?: boolean } = {}): UserActor {
  const actor = ctx.actor;
  if (actor.kind !== "user") throw unauthorized();
  if (opts.session && actor.via !== "session")
    throw forbidden("This action needs a signed-in session; API keys cannot do it.");
  if (opts.scope && !actor.scopes.includes(opts.scope))
    throw forbidden(`This API key lacks the "${opts.scope}" scope.`);
  return actor;
}

export function requireAdmin(ctx: Ctx): UserActor {
  const actor = requireUser(ctx, { scope: "admin" });
  if (actor.role !== "admin") throw forbidden("Only admins can do this.");
  return actor;
}
