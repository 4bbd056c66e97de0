import "server-only";
import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs to stdout; one root logger per composition root (lib/services.ts). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "ai-assistant-os" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
