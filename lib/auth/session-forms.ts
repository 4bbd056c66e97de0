import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { toAppError } from "../errors";
import { getServices } from "../services";
import { getPageCtx } from "./page-session";
import { sessionCookie } from "./session";
import { endSession, revokeSession } from "./sessions";

/** What the Account page says after a session was signed out from its list (?session=…). */
export const SESSION_NOTICES = ["signed-out", "gone", "failed"] as const;
export type SessionNotice = (typeof SESSION_NOTICES)[number];

async function clearCookie(): Promise<void> {
  const { name, value, ...options } = sessionCookie(getServices().env, "", 0);
  (await cookies()).set(name, value, options);
}

/**
 * "Sign out" on a row of the Account page's sessions list, a server action: a plain POST before
 * hydration or without JavaScript, answered with a redirect back to the list (or to the login
 * page when the row was this browser's session).
 */
export async function signOutSessionWithForm(form: FormData): Promise<never> {
  const ctx = await getPageCtx();
  const id = form.get("id");
  let outcome: SessionNotice | "this-browser" | "anonymous";
  try {
    const { current } = await revokeSession({
      ctx,
      input: { id: typeof id === "string" ? id : "" },
    });
    outcome = current ? "this-browser" : "signed-out";
  } catch (err) {
    const error = toAppError(err);
    if (error.status === 401) outcome = "anonymous";
    else if (error.status === 404) outcome = "gone";
    else {
      ctx.log.error({ err }, "signing a session out failed");
      outcome = "failed";
    }
  }
  if (outcome === "this-browser") {
    await clearCookie();
    redirect("/login");
  }
  if (outcome === "anonymous") redirect("/login?next=%2Faccount");
  redirect(`/account?session=${outcome}`);
}

/** "Sign out" in the sidebar: ends this session on the server, removes the cookie, goes to /login. */
export async function signOutWithForm(): Promise<never> {
  const ctx = await getPageCtx();
  try {
    await endSession({ ctx });
  } catch (err) {
    // The cookie goes anyway; a session row left behind expires with it.
    ctx.log.error({ err }, "ending the session failed");
  }
  await clearCookie();
  redirect("/login");
}
