import { z } from "zod";
import { checkExpression, evaluate } from "./compile";
import type { NodeDefinition } from "./types";

export const TransformConfig = z
  .object({
    expression: z
      .string()
      .min(1)
      .max(4096)
      .describe(
        'A CEL expression building the output, e.g. {"title": fetch.body.title, "tags": items.map(i, i.name)}',
      ),
  })
  .strict();
export type TransformConfig = z.infer<typeof TransformConfig>;

export const transform: NodeDefinition<TransformConfig> = {
  type: "transform",
  title: "Transform",
  description: "Builds an object, list or value from upstream outputs with a safe expression.",
  config: TransformConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [{ id: "out", label: "Out" }],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkExpression(config.expression, "expression", scope, issues);
    return issues;
  },
  execute: async (config, x) => ({ output: evaluate(config.expression, x.vars) }),
};
