import type { Ctx, Scope, UserActor } from "../context";
import { forbidden, unauthorized } from "../errors";

export interface RequireUserOptions {
  /** The API-key scope the action needs (sessions have every scope). */
  scope?: Scope;
  /** Only a signed-in session may do it (API keys and jobs may not). */
  session?: boolean;
  /**
   * A system job (schedule, webhook, worker) may do it on behalf of its user, with that user's
   * permissions. Off by default: a service opts in where background work is meant to call it.
   */
  system?: boolean;
}

/**
 * Every service starts with one of these (defense in depth: proxy.ts is only an optimistic gate).
 * A read-only key doing a write gets 403 naming the missing scope; a job where the service did
 * not opt in, or a job acting for nobody, gets 403 too.
 */
export function requireUser(ctx: Ctx, opts: RequireUserOptions = {}): UserActor {
  const actor = ctx.actor;
  if (actor.kind === "anonymous") throw unauthorized();
  if (actor.kind === "system") {
    if (!opts.system || opts.session) {
      throw forbidden(`Background jobs cannot do this (job "${actor.job}").`);
    }
    if (!actor.onBehalfOf)
      throw forbidden(`Job "${actor.job}" acts for no user, so it cannot do this.`);
    return checkScope(actor.onBehalfOf, opts.scope);
  }
  if (opts.session && actor.via !== "session") {
    throw forbidden("This action needs a signed-in session; API keys cannot do it.");
  }
  return checkScope(actor, opts.scope);
}

function checkScope(actor: UserActor, scope: Scope | undefined): UserActor {
  if (scope && !actor.scopes.includes(scope)) {
    throw forbidden(`This API key lacks the "${scope}" scope.`);
  }
  return actor;
}

export function requireAdmin(ctx: Ctx): UserActor {
  const actor = requireUser(ctx, { scope: "admin" });
  if (actor.role !== "admin") throw forbidden("Only admins can do this.");
  return actor;
}
