import { z } from "zod";
import { checkExpression, evaluate } from "./compile";
import type { NodeDefinition } from "./types";

const HandleId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,39}$/, "must be a letter or _ then letters, digits, _ or -");

export const SwitchConfig = z
  .object({
    cases: z
      .array(
        z
          .object({
            id: HandleId.describe("The branch's handle id"),
            label: z.string().max(80).default("").describe("Shown on the canvas"),
            expression: z
              .string()
              .min(1)
              .max(4096)
              .describe("A CEL expression; the first true one is taken"),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .describe("Branches in order; the first whose expression is true is taken, else default"),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.cases.forEach((k, i) => {
      if (k.id === "default" || seen.has(k.id))
        ctx.addIssue({
          code: "custom",
          path: ["cases", i, "id"],
          message: 'must be unique and not "default"',
        });
      seen.add(k.id);
    });
  });
export type SwitchConfig = z.infer<typeof SwitchConfig>;

export const switchNode: NodeDefinition<SwitchConfig> = {
  type: "switch",
  title: "Switch",
  description: "Takes the first of n branches whose expression is true, else the default branch.",
  config: SwitchConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: (c) => [
    ...c.cases.map((k) => ({ id: k.id, label: k.label || k.id })),
    { id: "default", label: "Default" },
  ],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    config.cases.forEach((k, i) =>
      checkExpression(k.expression, `cases.${i}.expression`, scope, issues),
    );
    return issues;
  },
  async execute(config, x) {
    for (const k of config.cases) {
      const v = evaluate(k.expression, x.vars);
      if (typeof v !== "boolean")
        throw new TypeError(
          `Case "${k.id}" gave ${JSON.stringify(v)?.slice(0, 80)}, not true or false.`,
        );
      if (v) return { output: k.id, branch: k.id };
    }
    return { output: "default", branch: "default" };
  },
};
