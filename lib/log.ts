import "server-only";
import pino, { type Logger } from "pino";
import { getEnv } from "./env";

export type { Logger };

let root: Logger | undefined;

/** Structured JSON logs to stdout at LOG_LEVEL; created on first use, not at import (builds import modules). */
export function logger(): Logger {
  root ??= pino({
    level: getEnv().logLevel,
    base: { service: "ai-assistant-os" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  return root;
}
