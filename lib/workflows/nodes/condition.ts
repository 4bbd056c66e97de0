import { z } from "zod";
import { checkExpression, evaluate } from "./compile";
import type { NodeDefinition } from "./types";

export const ConditionConfig = z
  .object({
    expression: z
      .string()
      .min(1)
      .max(4096)
      .describe(
        "A CEL expression that is true or false, e.g. fetch.status == 200 && size(fetch.body) > 0",
      ),
  })
  .strict();
export type ConditionConfig = z.infer<typeof ConditionConfig>;

export const condition: NodeDefinition<ConditionConfig> = {
  type: "condition",
  title: "Condition",
  description: "If / else on a safe expression.",
  config: ConditionConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [
    { id: "true", label: "True" },
    { id: "false", label: "False" },
  ],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkExpression(config.expression, "expression", scope, issues);
    return issues;
  },
  async execute(config, x) {
    const value = evaluate(config.expression, x.vars);
    if (typeof value !== "boolean")
      throw new TypeError(
        `The condition gave ${JSON.stringify(value)?.slice(0, 80)}, not true or false.`,
      );
    return { output: value, branch: value ? "true" : "false" };
  },
};
