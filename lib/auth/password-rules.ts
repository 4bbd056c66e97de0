import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-limits";

/**
 * Why a new password is refused, or null. Pure (no hashing), so the input schemas can report it
 * next to the other field errors. Length is counted in characters (code points), not bytes.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    return "is one of the most common passwords; choose another";
  if (email && password.toLowerCase() === email.toLowerCase())
    return "must not be your email address";
  return null;
}
