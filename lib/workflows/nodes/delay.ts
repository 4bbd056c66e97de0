import { z } from "zod";
import type { NodeDefinition } from "./types";

export const DelayConfig = z
  .object({
    seconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .describe("How long to wait (at most 7 days); no worker is held meanwhile"),
  })
  .strict();
export type DelayConfig = z.infer<typeof DelayConfig>;

export const delay: NodeDefinition<DelayConfig> = {
  type: "delay",
  title: "Delay",
  description: "Waits, then continues (the run is resumed from the queue).",
  config: DelayConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [{ id: "out", label: "Out" }],
  idempotent: true,
  validate: () => [],
  execute: async (config, x) => {
    const until = new Date(x.effects.now().getTime() + config.seconds * 1000);
    return { output: { until: until.toISOString() }, wait: { kind: "delay", until } };
  },
};
