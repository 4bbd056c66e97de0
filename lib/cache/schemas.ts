import { z } from "zod";
import { TASK_TYPES } from "../ai/task-types";
import type { CacheStats } from "./types";

export const ClearCacheQuery = z
  .object({
    taskType: z
      .enum(TASK_TYPES, { error: `must be one of ${TASK_TYPES.join(", ")}` })
      .optional()
      .describe("Only this task type's entries; all when omitted"),
  })
  .strict();
export type ClearCacheQuery = z.infer<typeof ClearCacheQuery>;

/**
 * The stats with the cache's health: `degraded` when its file is unusable (served uncached),
 * `writesFailing` while it can be read but not written (hits served, new answers dropped).
 */
export type CacheReport = CacheStats & {
  status: "ok" | "degraded";
  writesFailing: boolean;
  /** Corrupt files renamed aside since start, and the last one's path. */
  quarantined: number;
  lastQuarantined?: string;
  /** Entries whose checksum did not match since start (served as misses, deleted). */
  corruptEntries: number;
  file: string;
  error?: string;
};
