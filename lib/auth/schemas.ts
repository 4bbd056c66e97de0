import { z } from "zod";
import { PASSWORD_MAX } from "./password-limits";

// Shapes only; the password rules (length in characters, common list) run in the services so the
// error names the field with a precise message. `.strict()`: role/tier/etc. are never accepted
// from the client (mass assignment).
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "must be a valid email address" }))
  .describe("Email address used to sign in");
const password = z.string().max(PASSWORD_MAX * 4, { error: "is too long" });

export const RegisterInput = z
  .object({
    email,
    name: z.string().trim().max(100, { error: "must be at most 100 characters" }).default("").describe("Display name"),
    password: password.describe(`Password, 10 to ${PASSWORD_MAX} characters`),
  })
  .strict();
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({ email, password: password.describe("Password") });
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: password.describe("The current password"),
    newPassword: password.describe(`The new password, 10 to ${PASSWORD_MAX} characters`),
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
