import type { ApiError } from "@/components/lib/api";
import { aboutField } from "./cell-value";

/** Where a schema form shows a refusal: under its name, options or type input, or under the form. */
export interface SchemaErrors {
  name?: string;
  type?: string;
  options?: string;
  form?: string;
}

const LABELS: Record<string, string> = { default: "Default", unique: "Unique", type: "Type" };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A schema change's refusal, placed next to the input it is about (the API names it: `name`,
 * `field.name`, `field.options.0` …), each message starting with the input's label.
 */
export function schemaErrors(err: ApiError | null, nameLabel: string): SchemaErrors {
  if (!err) return { form: "The change was not saved: the server could not be reached." };
  const out: SchemaErrors = {};
  for (const [path, message] of Object.entries(err.fields)) {
    const parts = path.split(".");
    const last = parts.at(-1)!;
    if (parts.includes("options")) out.options ??= aboutField("Options", message);
    else if (last === "name") out.name ??= aboutField(nameLabel, message);
    else if (last === "type") out.type ??= aboutField("Type", message);
    else out.form ??= LABELS[last] ? aboutField(LABELS[last], message) : capital(message);
  }
  if (!Object.keys(out).length) out.form = err.message;
  return out;
}

/** The error under an input (its id goes in the input's aria-describedby); announced when it appears. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="max-w-64 text-xs font-medium text-red-600 dark:text-red-400">
      {message}
    </p>
  );
}
