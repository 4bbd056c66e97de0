import type { z } from "zod";
// The form is generated from, and checks as you type against, the engine's own config schemas
// (CONVENTIONS §14: "validated by the same zod schemas the engine uses"), so zod ships with the
// editor here — the one runtime import of lib/workflows by the config form (client-safe: pure).
import { definitionOf } from "@/lib/workflows/nodes";
import { CONFIG_HINTS } from "./config-hints";
import { describeSchema, type FieldDescriptor } from "./describe-schema";

export interface NodeSchema {
  schema: z.ZodType;
  root: FieldDescriptor;
}

const cache = new Map<string, NodeSchema | null>();

/** A node type's config schema and its field tree (null for an unknown type); computed once. */
export function nodeSchema(type: string): NodeSchema | null {
  if (!cache.has(type)) {
    const def = definitionOf(type);
    cache.set(
      type,
      def ? { schema: def.config, root: describeSchema(def.config, CONFIG_HINTS[type]) } : null,
    );
  }
  return cache.get(type)!;
}
