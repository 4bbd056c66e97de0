import { randomBytes } from "node:crypto";
import type { FieldDef } from "@/db/schema";
import { validationError } from "../errors";
import { MAX_FIELDS } from "./schemas";
import { valueSchema } from "./values";

export const newFieldId = () => `f_${randomBytes(5).toString("hex")}`;

/** Checks one field against the others (name clash, options, unique on the right types, default fits). */
export function checkField(f: FieldDef, others: FieldDef[], path: string): FieldDef {
  const problems: { field: string; message: string }[] = [];
  if (others.length >= MAX_FIELDS)
    problems.push({ field: path, message: `a database has at most ${MAX_FIELDS} fields` });
  if (others.some((o) => o.id !== f.id && o.name.toLowerCase() === f.name.toLowerCase()))
    problems.push({
      field: `${path}.name`,
      message: `"${f.name}" is already a field of this database`,
    });
  if (f.type === "select" && !f.options?.length)
    problems.push({ field: `${path}.options`, message: "are required for a select field" });
  if (f.type !== "select" && f.options)
    problems.push({ field: `${path}.options`, message: "are only for select fields" });
  if (f.unique && f.type !== "text" && f.type !== "number")
    problems.push({ field: `${path}.unique`, message: "is only for text and number fields" });
  if (f.default !== undefined && f.default !== null && !valueSchema(f).safeParse(f.default).success)
    problems.push({ field: `${path}.default`, message: `is not a valid ${f.type} value` });
  if (problems.length) throw validationError(problems);
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    required: f.required,
    unique: f.unique,
    ...(f.default !== undefined && { default: f.default }),
    ...(f.options && { options: f.options }),
  };
}
