import { ApiError } from "./api";

/**
 * One way to word a field error, for every form: "<Label> <predicate>." — e.g. "Name is
 * required.", "Cap must be 0 or at least $0.01.". The API's field messages are predicates
 * ("is required", "must be at most 120 characters", see lib/errors.ts fromZodError); zod's own
 * defaults ("Too small: expected number to be >=0") are reworded into the same shape, so a
 * schema without a custom message still reads as a sentence that names the field.
 */

/** Field name → the label the user sees next to it ("limitUsd" → "Cap"). */
export type FieldLabels = Record<string, string>;

export interface FormErrors {
  /** Sentences keyed by field name, shown next to their fields. */
  fields: Record<string, string>;
  /** What belongs to no field on the form (or nothing), shown once above or below it. */
  form: string | null;
}

const REWORDS: [RegExp, (...m: string[]) => string][] = [
  [/^Invalid input: expected \w+, received undefined$/, () => "is required"],
  [/^Too small: expected string to have >=1 characters?$/, () => "is required"],
  [
    /^Too small: expected string to have >=(\d+) characters?$/,
    (n) => `must be at least ${n} characters`,
  ],
  [
    /^Too big: expected string to have <=(\d+) characters?$/,
    (n) => `must be at most ${n} characters`,
  ],
  [/^Too small: expected array to have >=(\d+) items?$/, (n) => `needs at least ${n}`],
  [/^Too big: expected array to have <=(\d+) items?$/, (n) => `takes at most ${n}`],
  [/^Too small: expected \w+ to be >=(.+)$/, (n) => `must be at least ${n}`],
  [/^Too small: expected \w+ to be >(.+)$/, (n) => `must be more than ${n}`],
  [/^Too big: expected \w+ to be <=(.+)$/, (n) => `must be at most ${n}`],
  [/^Too big: expected \w+ to be <(.+)$/, (n) => `must be less than ${n}`],
  [/^Invalid input: expected int, received \w+$/, () => "must be a whole number"],
  [/^Invalid input: expected number, received \w+$/, () => "must be a number"],
  [/^Invalid input: expected boolean, received \w+$/, () => "must be yes or no"],
  [/^Invalid input: expected string, received \w+$/, () => "must be text"],
  [
    /^Invalid option: expected one of (.+)$/,
    (o) => `must be one of ${o.replaceAll('"', "").split("|").join(", ")}`,
  ],
  [/^Invalid UUID$/, () => "is not a valid id"],
  [/^Invalid email address$/, () => "must be a valid email address"],
  [/^Invalid (string|input).*$/, () => "is not valid"],
];

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
/** "limitUsd" → "Limit usd", "members.0.email" → "Members email": a last resort, labels are better. */
export const humanize = (field: string) =>
  capitalize(
    field
      .split(".")
      .filter((p) => !/^\d+$/.test(p))
      .join(" ")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase(),
  );

// A predicate reads after the label ("Name is required"); anything else is a sentence of its own.
const PREDICATE =
  /^(is|are|must|needs?|may|can|cannot|does|do|has|have|should|takes|contains|matches|exceeds|was|were|already|looks)\b/;

/**
 * "Name" + "is required" → "Name is required."; a message that is no predicate ("you already
 * have 10 keys", "No user has …") follows the label as a sentence: "Key name: You already …".
 */
export function fieldMessage(label: string, message: string): string {
  const text = message.trim().replace(/\.$/, "");
  const rule = REWORDS.find(([re]) => re.test(text));
  const said = rule ? rule[1](...text.match(rule[0])!.slice(1)) : text;
  return PREDICATE.test(said)
    ? `${capitalize(label)} ${said}.`
    : `${capitalize(label)}: ${capitalize(said)}.`;
}

/** The label of an API field path: exact ("limitUsd"), else its first segment ("capabilities.0"). */
const labelOf = (field: string, labels: FieldLabels) =>
  labels[field] ?? labels[field.split(".")[0]!];

/**
 * An error thrown by `api()` as what a form shows: each known field's sentence next to it, the
 * rest (other fields, a message without fields, a network failure: `fallback`) as one form error.
 */
export function formErrors(err: unknown, labels: FieldLabels, fallback: string): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, form: fallback };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [field, message] of Object.entries(err.fields)) {
    const label = labelOf(field, labels);
    const key = labels[field] ? field : field.split(".")[0]!;
    if (label) fields[key] ??= fieldMessage(label, message);
    else rest.push(fieldMessage(field ? humanize(field) : "Input", message));
  }
  const form = rest.length
    ? rest.join(" ")
    : Object.keys(fields).length
      ? null
      : err.message || fallback;
  return { fields, form };
}

/** Field errors found before sending (required, ranges): the same sentences, the same shape. */
export function checkFields(
  checks: [field: string, label: string, problem: string | null | false | undefined][],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, label, problem] of checks)
    if (problem) fields[field] ??= fieldMessage(label, problem);
  return fields;
}
