import { z } from "zod";
import { checkExpression, evaluate } from "./compile";
import type { NodeDefinition } from "./types";

export const OutputConfig = z
  .object({
    expression: z
      .string()
      .min(1)
      .max(4096)
      .describe("A CEL expression for the run's output, e.g. summarize.text"),
  })
  .strict();
export type OutputConfig = z.infer<typeof OutputConfig>;

export const output: NodeDefinition<OutputConfig> = {
  type: "output",
  title: "Output",
  description: "The run's result (several output nodes: an object by node id).",
  config: OutputConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkExpression(config.expression, "expression", scope, issues);
    return issues;
  },
  execute: async (config, x) => ({ output: evaluate(config.expression, x.vars) }),
};
