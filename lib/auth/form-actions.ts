import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ANONYMOUS, type Ctx } from "../context";
import { toAppError } from "../errors";
import { clientFrom } from "../http/client-ip";
import { enforceRateLimit } from "../http/rate-limit";
import { requestIdFrom } from "../http/request-id";
import { createCtx, getServices } from "../services";
import { verifyCredentials } from "./login";
import { register } from "./register";
import { openSession } from "./sessions";
import { safeNext } from "./safe-next";
import { textProblem } from "../text-guard";
import { sessionCookieSpec } from "./cookies";

/**
 * What a sign-in or register form shows after a refused submit: one message for the form, one per
 * field, and the values to keep (never the password). The same state renders with and without
 * JavaScript: the forms are server actions, so a submit before hydration is still a POST.
 */
export interface AuthFormState {
  error?: string;
  fields?: Partial<Record<AuthField, string>>;
  values?: { email?: string; name?: string };
}
type AuthField = "email" | "name" | "password" | "confirm";

const LABELS: Record<AuthField, string> = {
  email: "Email",
  name: "Name",
  password: "Password",
  confirm: "Confirmation",
};
const UNAVAILABLE = "Signing in is unavailable right now. Try again in a moment.";

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** An anonymous ctx for the submit, with the client's address for the per-IP `auth` budget. */
async function formCtx(): Promise<Ctx> {
  const incoming = await headers();
  const services = getServices();
  const client = clientFrom(incoming, services.env.trustedProxies);
  const ctx = await createCtx(services, {
    actor: ANONYMOUS,
    requestId: requestIdFrom(incoming),
    client,
  });
  // The same strict budget as POST /api/auth/callback/credentials and /api/auth/register.
  await enforceRateLimit(services, "auth", ANONYMOUS, client.ip);
  return ctx;
}

/** Sets the session cookie (the same JWT Auth.js issues) for a user who just proved who they are. */
async function startSession(ctx: Ctx, user: { id: string; tokenVersion: number }) {
  const sessionId = await openSession(ctx, user.id);
  const { name, value, ...options } = await sessionCookieSpec(ctx, {
    userId: user.id,
    tokenVersion: user.tokenVersion,
    sessionId,
  });
  (await cookies()).set(name, value, options);
}

/** A refused submit as form state: field errors next to their fields, anything else on top. */
function refusal(err: unknown, ctx: Ctx | undefined): AuthFormState {
  const error = toAppError(err);
  if (error.status >= 500) {
    (ctx?.log ?? getServices().log).error({ err }, "auth form failed");
    return { error: UNAVAILABLE };
  }
  const issues = (error.details as { fields?: { field: string; message: string }[] } | undefined)
    ?.fields;
  const fields: AuthFormState["fields"] = {};
  for (const { field, message } of issues ?? []) {
    const key = (field in LABELS ? field : undefined) as AuthField | undefined;
    if (key && !fields[key]) fields[key] = `${LABELS[key]} ${message}.`;
  }
  return Object.keys(fields).length ? { fields } : { error: error.message };
}

/** Required fields left empty, and any field holding text no database can store (NUL, lone surrogates). */
export function fieldProblems(values: Partial<Record<AuthField, string>>, required: AuthField[]) {
  const fields: AuthFormState["fields"] = {};
  for (const key of required) if (!values[key]) fields[key] = `${LABELS[key]} is required.`;
  for (const [key, value] of Object.entries(values) as [AuthField, string][]) {
    const problem = value ? textProblem(value) : null;
    if (problem) fields[key] = `${LABELS[key]} ${problem}.`;
  }
  return Object.keys(fields).length ? fields : undefined;
}

/**
 * Sign-in from the login form: checks the credentials with the same service Auth.js's provider
 * uses (per-account lockout, audit), sets the session cookie and redirects to `next`. Setting a
 * cookie in a server action makes Next drop its client router cache, so the anonymous prefetch
 * of `/` (a redirect to /login) is not replayed after sign-in.
 */
export async function signInWithForm(form: FormData): Promise<AuthFormState> {
  const email = text(form, "email").trim();
  const password = text(form, "password");
  const values = { email };
  const fields = fieldProblems({ email, password }, ["email", "password"]);
  if (fields) return { fields, values: fields.email ? {} : values };
  let ctx: Ctx | undefined;
  try {
    ctx = await formCtx();
    const user = await verifyCredentials({ ctx, input: { email, password } });
    await startSession(ctx, user);
  } catch (err) {
    const state = refusal(err, ctx);
    // Which part was wrong is never said: a malformed email gets the same answer as a wrong one.
    return { error: state.fields ? "Invalid email or password." : state.error, values };
  }
  redirect(safeNext(text(form, "next")));
}

/** Registration from the register form; the new account is signed in and lands on `next`. */
export async function registerWithForm(form: FormData): Promise<AuthFormState> {
  const input = {
    email: text(form, "email").trim(),
    name: text(form, "name"),
    password: text(form, "password"),
  };
  const confirm = text(form, "confirm");
  const values = { email: input.email, name: input.name };
  const fields = fieldProblems({ ...input, confirm }, ["email", "password", "confirm"]) ?? {};
  // Values shown back in the form must be renderable: a refused one is not repeated.
  if (fields.name) values.name = "";
  if (fields.email) values.email = "";
  if (confirm && confirm !== input.password)
    fields.confirm = "Confirmation does not match the password.";
  if (Object.keys(fields).length) return { fields, values };
  let ctx: Ctx | undefined;
  try {
    ctx = await formCtx();
    const { user } = await register({ ctx, input });
    // A new account's tokens are at version 0 (users.token_version's default).
    await startSession(ctx, { id: user.id, tokenVersion: 0 });
  } catch (err) {
    return { ...refusal(err, ctx), values };
  }
  redirect(safeNext(text(form, "next")));
}
