import type { FieldType } from "@/db/schema/enums";

// Which filter operators each field type has: the grid offers these (with their labels) and the
// record query accepts exactly these. Types only here: client components import it through
// lib/databases/schemas.

export const FILTER_OPS = ["equals", "contains", "gte", "lte", "is_empty", "not_empty"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
/** An operator and how the grid names it for a field type ("≥" for numbers, "is on or after" for dates). */
export type FilterOpChoice = readonly [op: FilterOp, label: string];

const EMPTY: FilterOpChoice[] = [
  ["is_empty", "is empty"],
  ["not_empty", "is not empty"],
];
const TEXT: FilterOpChoice[] = [["contains", "contains"], ["equals", "is exactly"], ...EMPTY];

/** Per field type, its operators in the order the grid offers them (the first is the default). */
export const FILTER_OPS_BY_TYPE: Record<FieldType, readonly FilterOpChoice[]> = {
  text: TEXT,
  json: TEXT,
  select: [["equals", "is"], ["contains", "contains"], ...EMPTY],
  number: [["equals", "="], ["gte", "≥"], ["lte", "≤"], ...EMPTY],
  // contains on a date matches its text ("2024-01" = that month); the grid types it as text.
  date: [
    ["equals", "is on"],
    ["gte", "is on or after"],
    ["lte", "is on or before"],
    ["contains", "contains"],
    ...EMPTY,
  ],
  boolean: [["equals", "is"], ...EMPTY],
};

// What the API answers (at filters.N.op) for an operator its field's type lacks. Clients and tests
// match these texts; tests/unit/filter-ops.test.ts checks each names exactly the types above.
const REFUSALS: Partial<Record<FilterOp, string>> = {
  contains: "contains is for text, select, date and json fields",
  gte: "range filters are for number and date fields",
  lte: "range filters are for number and date fields",
};

/** Why `op` does not fit a field of `type`, or null when it does. */
export function filterOpRefusal(type: FieldType, op: FilterOp): string | null {
  if (FILTER_OPS_BY_TYPE[type].some(([o]) => o === op)) return null;
  return REFUSALS[op] ?? `${op} is not available for ${type} fields`;
}
