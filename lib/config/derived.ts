import ipaddr from "ipaddr.js";
import { TASK_TYPES, type TaskType } from "../ai/task-types";
import type { CompatibleProvider, ConfigIssue } from "../env";
import { urlWith, type Source } from "./schema";

/** Variables whose value is itself structured: several endpoints, a TTL list, IP ranges. */

const COMPAT_RE = /^OPENAI_COMPATIBLE_([A-Z0-9_]+?)_(BASE_URL|API_KEY|MODELS)$/;

export function compatibleProviders(source: Source, issues: ConfigIssue[]): CompatibleProvider[] {
  const byName = new Map<string, Partial<Record<"BASE_URL" | "API_KEY" | "MODELS", string>>>();
  for (const [key, raw] of Object.entries(source)) {
    const m = COMPAT_RE.exec(key);
    const value = raw?.trim();
    if (!m || !value) continue;
    const entry = byName.get(m[1]!) ?? {};
    entry[m[2] as "BASE_URL"] = value;
    byName.set(m[1]!, entry);
  }
  const out: CompatibleProvider[] = [];
  for (const [name, e] of byName) {
    const variable = `OPENAI_COMPATIBLE_${name}_BASE_URL`;
    if (!e.BASE_URL) {
      issues.push({
        variable,
        message: `is missing but other OPENAI_COMPATIBLE_${name}_* variables are set; give the endpoint, e.g. http://127.0.0.1:11434/v1`,
      });
      continue;
    }
    const check = urlWith(["http:", "https:"], "http://127.0.0.1:11434/v1").safeParse(e.BASE_URL);
    if (!check.success) {
      issues.push({ variable, message: check.error.issues[0]!.message });
      continue;
    }
    const models = (e.MODELS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    out.push({
      name: name.toLowerCase().replace(/_/g, "-"),
      baseUrl: e.BASE_URL.replace(/\/+$/, ""),
      apiKey: e.API_KEY,
      models,
    });
  }
  return out;
}

/** `CACHE_TTL=code=604800,chat=0`: seconds per task type; 0 turns caching off for that type. */
export function parseCacheTtl(
  raw: string | undefined,
  issues: ConfigIssue[],
): Partial<Record<TaskType, number>> {
  const out: Partial<Record<TaskType, number>> = {};
  for (const part of (raw ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*(\d{1,9})$/.exec(part);
    if (!m?.[1] || !(TASK_TYPES as readonly string[]).includes(m[1])) {
      issues.push({
        variable: "CACHE_TTL",
        message: `has "${part}": use task=seconds pairs separated by commas, with task one of ${TASK_TYPES.join(", ")} (e.g. code=604800,chat=0)`,
      });
      continue;
    }
    out[m[1] as TaskType] = Number(m[2]);
  }
  return out;
}

export function isIpOrCidr(entry: string): boolean {
  try {
    if (entry.includes("/")) ipaddr.parseCIDR(entry);
    else ipaddr.parse(entry);
    return true;
  } catch {
    return false;
  }
}
