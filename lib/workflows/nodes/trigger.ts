import { z } from "zod";
import type { NodeDefinition } from "./types";

export const INPUT_FIELD_TYPES = ["string", "number", "boolean", "object", "array"] as const;

export const InputField = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be a letter or _ then letters, digits or _")
      .describe("The input's name, read as trigger.<name>"),
    type: z.enum(INPUT_FIELD_TYPES).default("string").describe("The JSON type the value must have"),
    required: z.boolean().default(true).describe("A run without it is refused"),
    description: z.string().max(500).default("").describe("Shown on the run form"),
  })
  .strict();
export type InputField = z.infer<typeof InputField>;

export const TriggerConfig = z
  .object({
    inputs: z.array(InputField).max(50).default([]).describe("What a run is started with"),
    webhook: z
      .object({
        auth: z
          .enum(["hmac", "bearer"])
          .default("hmac")
          .describe(
            "hmac: X-Signature: sha256=<hex HMAC of the body with the secret>; bearer: Authorization: Bearer <secret>",
          ),
      })
      .strict()
      .optional()
      .describe("Start runs from POST /api/workflows/:id/webhook"),
    schedule: z
      .object({
        cron: z.string().min(1).max(100).describe('Cron pattern, e.g. "0 8 * * 1-5"'),
        timezone: z
          .string()
          .min(1)
          .max(64)
          .default("UTC")
          .describe("IANA time zone, e.g. Europe/Berlin"),
        input: z
          .record(z.string(), z.unknown())
          .default({})
          .describe("The input of scheduled runs"),
      })
      .strict()
      .optional()
      .describe("Start runs on a schedule"),
  })
  .strict();
export type TriggerConfig = z.infer<typeof TriggerConfig>;

/** Checks a run's input against the trigger's fields: the issues, by field. */
export function checkInput(
  config: TriggerConfig,
  input: unknown,
): { field: string; message: string }[] {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return [{ field: "input", message: "must be an object" }];
  const rec = input as Record<string, unknown>;
  const issues: { field: string; message: string }[] = [];
  for (const f of config.inputs) {
    const v = rec[f.name];
    if (v === undefined || v === null) {
      if (f.required) issues.push({ field: `input.${f.name}`, message: "is required" });
      continue;
    }
    const actual = Array.isArray(v) ? "array" : typeof v;
    if (actual !== f.type)
      issues.push({ field: `input.${f.name}`, message: `must be a ${f.type}` });
  }
  return issues;
}

export const trigger: NodeDefinition<TriggerConfig> = {
  type: "trigger",
  title: "Trigger",
  description: "Where a run starts: by hand (with an input form), a webhook or a schedule.",
  config: TriggerConfig,
  inputs: [],
  outputs: () => [{ id: "out", label: "Input" }],
  idempotent: true,
  validate: () => [],
  execute: async (_config, x) => ({ output: x.input }),
};
