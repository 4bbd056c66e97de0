import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ANONYMOUS, type Actor, type Ctx, type UserActor } from "../context";
import { clientIp } from "../http/client-ip";
import { requestIdFrom } from "../http/request-id";
import { createCtx, getServices } from "../services";
import { resolveCaller } from "./actor";
import { sessionCookieName } from "./session";

/**
 * The ctx of a page render (server components): the caller from the same database-checked
 * resolution as API routes, never the proxy's optimistic guess; an unreadable session is simply
 * anonymous here. Memoized per request (React `cache`): the layout and the page share one lookup.
 */
export const getPageCtx = cache(async (): Promise<Ctx> => {
  const services = getServices();
  const { env } = services;
  const [store, incoming] = await Promise.all([cookies(), headers()]);
  const requestId = requestIdFrom(incoming);
  const client = {
    ip: clientIp(incoming, env.trustedProxies),
    userAgent: incoming.get("user-agent") ?? undefined,
  };
  const token = store.get(sessionCookieName(env))?.value;
  let actor: Actor = ANONYMOUS;
  if (token) {
    const db = await services.database.db();
    const session = new Headers({ cookie: `${sessionCookieName(env)}=${token}` });
    actor = (await resolveCaller({ db, env, now: services.clock.now() }, session)).actor;
  }
  return createCtx(services, { actor, requestId, client });
});

/** The caller of a page; anonymous when the session cannot be checked (database down). */
export const getPageActor = cache(async (): Promise<Actor> => {
  try {
    return (await getPageCtx()).actor;
  } catch (err) {
    getServices().log.error({ err }, "page session check failed");
    return ANONYMOUS;
  }
});

export async function requirePageUser(path: string): Promise<UserActor> {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect(`/login?next=${encodeURIComponent(path)}`);
  return actor;
}
