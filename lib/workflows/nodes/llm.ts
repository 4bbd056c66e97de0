import { z } from "zod";
import { TASK_TYPES } from "../../ai/task-types";
import { checkTemplate, render } from "./compile";
import { StepError } from "./errors";
import { PERSONAS, PERSONA_IDS } from "./personas";
import { checkOutputSchema, parseAnswer } from "./json-output";
import type { NodeDefinition } from "./types";

export const LlmConfig = z
  .object({
    prompt: z
      .string()
      .min(1)
      .max(100_000)
      .describe("The user message; {{ expression }} placeholders read upstream outputs"),
    system: z
      .string()
      .max(20_000)
      .optional()
      .describe("System prompt (template); overrides the persona's"),
    persona: z
      .enum(PERSONA_IDS)
      .optional()
      .describe("A role whose system prompt is used when no system prompt is given"),
    taskType: z
      .enum(TASK_TYPES)
      .optional()
      .describe("Route as this task type (the router picks the model)"),
    model: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A model id from the catalogue, or "auto" (default) to route by task'),
    temperature: z.number().min(0).max(2).optional().describe("Sampling temperature"),
    maxOutputTokens: z.number().int().min(1).max(32_000).optional().describe("Answer length cap"),
    outputSchema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("A JSON Schema the answer must match (parsed as JSON; one repair retry)"),
  })
  .strict();
export type LlmConfig = z.infer<typeof LlmConfig>;

function systemOf(config: LlmConfig, vars: Record<string, unknown>): string | undefined {
  if (config.system) return render(config.system, vars);
  return config.persona ? PERSONAS[config.persona] : undefined;
}

export const llm: NodeDefinition<LlmConfig> = {
  type: "llm",
  title: "AI model",
  description:
    "Asks a model through the router (routing, fallbacks, cache, budgets and the ledger apply).",
  config: LlmConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [{ id: "out", label: "Answer" }],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkTemplate(config.prompt, "prompt", scope, issues);
    if (config.system) checkTemplate(config.system, "system", scope, issues);
    if (config.outputSchema) {
      const problem = checkOutputSchema(config.outputSchema);
      if (problem) issues.push({ field: "outputSchema", message: problem });
    }
    return issues;
  },
  async execute(config, x) {
    const prompt = render(config.prompt, x.vars);
    const base = {
      system: systemOf(config, x.vars),
      model: config.model,
      taskType: config.taskType,
      temperature: config.temperature,
      maxOutputTokens: config.maxOutputTokens,
    };
    const first = await x.effects.ai({ ...base, prompt }, x.step, x.signal);
    if (!config.outputSchema) {
      return {
        output: { text: first.text, model: first.model },
        tokens: first.tokens,
        costUsd: first.costUsd,
      };
    }
    let tokens = first.tokens;
    let costUsd = first.costUsd;
    let parsed = parseAnswer(config.outputSchema, first.text);
    let answer = first;
    if (!parsed.ok) {
      // One repair: the model sees its answer and what was wrong with it.
      answer = await x.effects.ai(
        {
          ...base,
          prompt: `${prompt}\n\nYour previous answer was:\n${first.text}\n\nIt was not valid: ${parsed.error}\nAnswer again with only a JSON value that matches this JSON Schema:\n${JSON.stringify(config.outputSchema)}`,
        },
        x.step,
        x.signal,
      );
      tokens += answer.tokens;
      costUsd += answer.costUsd;
      parsed = parseAnswer(config.outputSchema, answer.text);
      if (!parsed.ok)
        throw new StepError(
          "output_schema_mismatch",
          `The answer did not match the output schema after one repair: ${parsed.error}`,
        );
    }
    return {
      output: { text: answer.text, model: answer.model, json: parsed.value },
      tokens,
      costUsd,
    };
  },
};
