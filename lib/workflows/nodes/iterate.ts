import { z } from "zod";
import { checkExpression, evaluate } from "./compile";
import { StepError } from "./errors";
import type { NodeDefinition } from "./types";

export const IterateConfig = z
  .object({
    items: z
      .string()
      .min(1)
      .max(4096)
      .describe("A CEL expression giving the list to go through, e.g. query.records"),
    maxItems: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .describe("A longer list fails the step (the steps-per-run limit applies too)"),
    concurrency: z.number().int().min(1).max(10).default(1).describe("Items run at the same time"),
  })
  .strict();
export type IterateConfig = z.infer<typeof IterateConfig>;

/** Evaluates the list an iterate node goes through (the engine runs the body per item). */
export function iterateItems(config: IterateConfig, vars: Record<string, unknown>): unknown[] {
  const items = evaluate(config.items, vars);
  if (!Array.isArray(items))
    throw new StepError("iterate_not_a_list", "The items expression did not give a list.");
  if (items.length > config.maxItems)
    throw new StepError(
      "iterate_too_many_items",
      `The list has ${items.length} items; this node allows at most ${config.maxItems}.`,
    );
  return items;
}

export const iterate: NodeDefinition<IterateConfig> = {
  type: "iterate",
  title: "For each",
  description:
    "Runs the nodes connected to “Each item” once per item (item and index are variables there), then continues from “Done” with the list of their results.",
  config: IterateConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [
    { id: "item", label: "Each item", kind: "each" },
    { id: "done", label: "Done" },
  ],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkExpression(config.items, "items", scope, issues);
    return issues;
  },
  // The engine handles iterate itself (it needs the body); this only runs outside an engine.
  execute: async (config, x) => ({ output: iterateItems(config, x.vars), branch: "done" }),
};
