import type { TaskType } from "../ai/task-types";

/** Default time-to-live per task type, in seconds (0 = never cached). Deterministic work keeps longest. */
export const DEFAULT_TTL_SECONDS: Record<TaskType, number> = {
  code: 7 * 86_400,
  extraction: 7 * 86_400,
  summarize: 86_400,
  analysis: 86_400,
  chat: 3_600,
  creative: 0,
};

/** Above this temperature answers are meant to vary, so they are not cached unless asked. */
export const MAX_CACHED_TEMPERATURE = 0.3;

export type CacheMode = "auto" | "bypass" | "refresh" | "force";

/**
 * Whether to read and/or write the cache for a request. `bypass` neither reads nor writes;
 * `refresh` skips the read but stores the fresh answer; `force` caches even a hot temperature.
 */
export function cacheDecision(input: {
  taskType: TaskType;
  temperature?: number;
  mode?: CacheMode;
  ttl?: Partial<Record<TaskType, number>>;
}): { read: boolean; write: boolean; ttlSeconds: number; why: string } {
  const ttlSeconds = input.ttl?.[input.taskType] ?? DEFAULT_TTL_SECONDS[input.taskType];
  const mode = input.mode ?? "auto";
  if (mode === "bypass") return { read: false, write: false, ttlSeconds, why: "bypass requested" };
  if (ttlSeconds <= 0)
    return { read: false, write: false, ttlSeconds, why: `${input.taskType} is not cached` };
  if (mode !== "force" && (input.temperature ?? 0) > MAX_CACHED_TEMPERATURE) {
    return {
      read: false,
      write: false,
      ttlSeconds,
      why: `temperature ${input.temperature} > ${MAX_CACHED_TEMPERATURE}`,
    };
  }
  return {
    read: mode !== "refresh",
    write: true,
    ttlSeconds,
    why: mode === "refresh" ? "refresh requested" : "cacheable",
  };
}
