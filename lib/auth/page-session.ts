import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ANONYMOUS, type Actor, type UserActor } from "../context";
import { getDb } from "../db";
import { getEnv, resolveSecretKey } from "../env";
import { logger } from "../log";
import { resolveCaller } from "./actor";
import { sessionCookieName } from "./session";

/**
 * The caller of a page (server components): the same database-checked resolution as API routes,
 * never the proxy's optimistic guess. An unreadable session is simply anonymous here.
 * Memoized per request (React `cache`): the layout and the page share one lookup.
 */
export const getPageActor = cache(async (): Promise<Actor> => {
  const env = getEnv();
  const store = await cookies();
  const token = store.get(sessionCookieName(env))?.value;
  if (!token) return ANONYMOUS;
  try {
    const headers = new Headers({ cookie: `${sessionCookieName(env)}=${token}` });
    return (await resolveCaller(await getDb(), headers, env, resolveSecretKey(env), new Date()))
      .actor;
  } catch (err) {
    logger().error({ err }, "page session check failed");
    return ANONYMOUS;
  }
});

export async function requirePageUser(path: string): Promise<UserActor> {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect(`/login?next=${encodeURIComponent(path)}`);
  return actor;
}
