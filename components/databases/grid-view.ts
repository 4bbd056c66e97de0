import {
  CREATED,
  FILTER_OPS_BY_TYPE,
  type FieldDef,
  type FilterOp,
  type FilterOpChoice,
} from "@/lib/databases/constants";

export interface RecordFilter {
  field: string;
  op: FilterOp;
  value?: string | number | boolean;
}
export interface RecordSort {
  field: string;
  dir: "asc" | "desc";
}

/** The operators that make sense for a field type, with their labels (the server accepts the same). */
export const opsFor = (f: FieldDef): readonly FilterOpChoice[] => FILTER_OPS_BY_TYPE[f.type];

export interface GridView {
  filters: RecordFilter[];
  sort: RecordSort;
  page: number;
}

const isFilter = (x: unknown): x is RecordFilter =>
  !!x &&
  typeof x === "object" &&
  typeof (x as RecordFilter).field === "string" &&
  typeof (x as RecordFilter).op === "string" &&
  ["string", "number", "boolean", "undefined"].includes(typeof (x as RecordFilter).value);

/**
 * The grid's view (filters, sort, page) from the address bar, so a reload or a shared link shows
 * the same records: `?filters=<json>&sort=<field>:<asc|desc>&page=<n>`. Anything malformed is
 * ignored; filters that do not fit the database are dropped once it has loaded.
 */
export function readView(search: string): GridView {
  const params = new URLSearchParams(search);
  let filters: RecordFilter[] = [];
  try {
    const parsed: unknown = JSON.parse(params.get("filters") ?? "[]");
    if (Array.isArray(parsed)) filters = parsed.filter(isFilter).slice(0, 20);
  } catch {
    /* a hand-edited or truncated link: no filters */
  }
  const [field, dir] = (params.get("sort") ?? "").split(":");
  const sort: RecordSort =
    field && (dir === "asc" || dir === "desc") ? { field, dir } : { field: CREATED, dir: "asc" };
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  return { filters, sort, page };
}

export function viewSearch({ filters, sort, page }: GridView): string {
  const params = new URLSearchParams();
  if (filters.length) params.set("filters", JSON.stringify(filters));
  if (sort.field !== CREATED || sort.dir !== "asc") params.set("sort", `${sort.field}:${sort.dir}`);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The view without what no longer fits the fields: filters on dropped fields or with an operator the field's type lacks, a sort on a dropped field. */
export function fitView(view: GridView, fields: FieldDef[]): GridView {
  const fits = (flt: RecordFilter) => {
    const f = fields.find((x) => x.id === flt.field);
    return !!f && opsFor(f).some(([op]) => op === flt.op);
  };
  const sortFits = view.sort.field === CREATED || fields.some((f) => f.id === view.sort.field);
  if (view.filters.every(fits) && sortFits) return view;
  return {
    filters: view.filters.filter(fits),
    sort: sortFits ? view.sort : { field: CREATED, dir: "asc" },
    page: 1,
  };
}
