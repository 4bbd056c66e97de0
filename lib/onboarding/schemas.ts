import { z } from "zod";

/** The first steps, in the order a new team takes them; `provider` is an admin's step only. */
export const FIRST_STEPS = ["provider", "project", "invite", "api_key", "api_call"] as const;
export type FirstStepId = (typeof FIRST_STEPS)[number];

export const FirstStep = z.object({
  id: z
    .enum(FIRST_STEPS)
    .describe(
      "provider: an AI provider is configured; project: you belong to a project; invite: one of your projects has another member; api_key: you hold an active API key; api_call: an AI request of yours went through the API with a key",
    ),
  done: z.boolean().describe("Whether the data already shows this step as taken"),
});
export type FirstStep = z.infer<typeof FirstStep>;

export const FirstStepsOutput = z.object({
  steps: z.array(FirstStep).describe("The steps that apply to the caller, in order"),
  completed: z.number().int().describe("How many of them are done"),
  aiReady: z
    .boolean()
    .describe("At least one AI provider is configured (without one, no AI request can succeed)"),
});
export type FirstStepsOutput = z.infer<typeof FirstStepsOutput>;
