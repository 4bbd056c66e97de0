import { createContext, useContext } from "react";
import type { UpstreamVar } from "../types";
import type { Path } from "./form-state";

/** What every field of one config form shares (ids, read-only, suggestions, its problems). */
export interface FormContextValue {
  idPrefix: string;
  readOnly: boolean;
  upstream: UpstreamVar[];
  problems: Map<Path, string[]>;
}

export const FormContext = createContext<FormContextValue>({
  idPrefix: "cfg",
  readOnly: false,
  upstream: [],
  problems: new Map(),
});

/** A control's id and its error for a field path (record keys may hold any character). */
export function useFieldMeta(path: Path) {
  const ctx = useContext(FormContext);
  const id = `${ctx.idPrefix}-${path.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`) || "root"}`;
  const error = ctx.problems.get(path)?.join(" ") || null;
  return { ...ctx, id, error };
}
