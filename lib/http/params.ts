import { validationError } from "../errors";

/**
 * A path segment percent-decoded once more (ids such as `compat:ollama/llama3` travel as
 * `compat%3Aollama%2Fllama3`); a malformed escape is the caller's mistake: 422 naming the field.
 */
export function decodedParam(value: string | undefined, field: string): string {
  try {
    return decodeURIComponent(value ?? "");
  } catch {
    throw validationError([{ field, message: "is not a valid URL-encoded value" }]);
  }
}
