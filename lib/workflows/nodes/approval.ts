import { z } from "zod";
import { PROJECT_ROLES } from "@/db/schema/enums";
import { checkTemplate, render } from "./compile";
import type { NodeDefinition } from "./types";

export const ApprovalConfig = z
  .object({
    role: z
      .enum(PROJECT_ROLES)
      .default("editor")
      .describe("The lowest project role that may approve or reject"),
    prompt: z.string().max(10_000).default("").describe("What the approver is asked (template)"),
    timeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .optional()
      .describe("Without a decision by then, the timeout branch is taken"),
  })
  .strict();
export type ApprovalConfig = z.infer<typeof ApprovalConfig>;

export const approval: NodeDefinition<ApprovalConfig> = {
  type: "approval",
  title: "Approval",
  description: "Waits for a person with the named role to approve or reject (no worker is held).",
  config: ApprovalConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: (c) => [
    { id: "approved", label: "Approved" },
    { id: "rejected", label: "Rejected" },
    ...(c.timeoutMinutes ? [{ id: "timeout", label: "Timed out" }] : []),
  ],
  idempotent: true,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    if (config.prompt) checkTemplate(config.prompt, "prompt", scope, issues);
    return issues;
  },
  async execute(config, x) {
    const prompt = config.prompt ? render(config.prompt, x.vars) : "";
    const expiresAt = config.timeoutMinutes
      ? new Date(x.effects.now().getTime() + config.timeoutMinutes * 60_000)
      : undefined;
    return { output: null, wait: { kind: "approval", role: config.role, prompt, expiresAt } };
  },
};
