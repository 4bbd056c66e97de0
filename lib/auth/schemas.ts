import { z } from "zod";
import { idInput } from "../ids";
import { PASSWORD_MAX } from "./password-limits";
import { passwordProblem } from "./password-rules";

// The password rules run here (so every field error shows at once) and again in the services
// (which also refuse the account's own email). `.strict()`: role/tier/etc. are never accepted
// from the client (mass assignment).
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: "must be at most 254 characters" })
  .pipe(z.email({ error: "must be a valid email address" }))
  .describe("Email address used to sign in");
const password = z.string().max(PASSWORD_MAX * 4, { error: "is too long" });
/** A password being chosen: the same rules as the services, reported with the other fields. */
const newPassword = password.superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const RegisterInput = z
  .object({
    email,
    name: z
      .string()
      .trim()
      .max(100, { error: "must be at most 100 characters" })
      .default("")
      .describe("Display name"),
    password: newPassword.describe(`Password, 10 to ${PASSWORD_MAX} characters`),
  })
  .strict();
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({ email, password: password.describe("Password") });
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: password.describe("The current password"),
    newPassword: newPassword.describe(`The new password, 10 to ${PASSWORD_MAX} characters`),
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** What the API ever returns about a user (never the hash or token version). */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member" | "viewer";
  tier: "free" | "premium";
  disabled: boolean;
  createdAt: string;
}

/** Malformed, unknown and someone else's session ids are "not found" alike. */
export const RevokeSessionInput = z.object({ id: idInput("The session's id") }).strict();

/** A signed-in session as its owner sees it on the Account page and GET /api/auth/sessions. */
export interface SessionSummary {
  id: string;
  /** The browser that signed in (its User-Agent, shortened), when it sent one. */
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** Whether this is the session of the request asking. */
  current: boolean;
}
