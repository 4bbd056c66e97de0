import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ANONYMOUS, type Actor, type Ctx, type UserActor } from "../context";
import { clientFrom } from "../http/client-ip";
import { requestIdFrom } from "../http/request-id";
import { createCtx, getServices } from "../services";
import { resolveCaller } from "./actor";
import { safeNext } from "./safe-next";
import { sessionCookieName } from "./session";

/**
 * The caller of a page render (server components): the same database-checked resolution as API
 * routes, never the proxy's optimistic guess. A visitor without a session cookie is anonymous
 * without touching the database; an unreadable session (or a database that is down) is
 * anonymous too, logged. Memoized per request (React `cache`): layout and page share one lookup.
 */
export const getPageActor = cache(async (): Promise<Actor> => {
  // Request data first: a render that cannot be dynamic stops here, before services are built.
  const store = await cookies();
  const services = getServices();
  const name = sessionCookieName(services.env);
  const token = store.get(name)?.value;
  if (!token) return ANONYMOUS;
  try {
    const session = new Headers({ cookie: `${name}=${token}` });
    const { principals, env, clock } = services;
    // A render cannot set cookies: the sliding refresh happens on the next API call.
    const deps = { principals, env, now: clock.now(), reissue: false };
    return (await resolveCaller(deps, session)).actor;
  } catch (err) {
    services.log.error({ err }, "page session check failed");
    return ANONYMOUS;
  }
});

/** The ctx of a page render, for server components that call services. */
export const getPageCtx = cache(async (): Promise<Ctx> => {
  const [actor, incoming] = await Promise.all([getPageActor(), headers()]);
  const services = getServices();
  return createCtx(services, {
    actor,
    requestId: requestIdFrom(incoming),
    client: clientFrom(incoming, services.env.trustedProxies),
  });
});

/**
 * The login URL for a render whose caller turned out anonymous, back to where it was going (the
 * path proxy.ts recorded), so a session signed out elsewhere lands where it was after sign-in.
 */
export async function loginPathForPage(): Promise<string> {
  const path = safeNext((await headers()).get("x-aios-page-path") ?? "/");
  return path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`;
}

export async function requirePageUser(path: string): Promise<UserActor> {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect(`/login?next=${encodeURIComponent(path)}`);
  return actor;
}
