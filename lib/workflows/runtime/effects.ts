import "server-only";
import type { Ctx } from "../../context";
import { createRecord, getDatabase, listRecords, updateRecord } from "../../databases";
import { createDocument, getDocument, updateDocument } from "../../documents";
import { parseAllowList, type AllowList } from "../../net/address-policy";
import { safeFetch } from "../../net/safe-http";
import type { TaskType } from "../../ai/task-types";
import { StepError } from "../nodes/errors";
import type { DatabaseCall, DocumentCall, Effects } from "../nodes/types";

/** Field names (or ids) → ids, against the database's current schema. */
async function byFieldId(
  ctx: Ctx,
  projectId: string,
  databaseId: string,
  values: Record<string, unknown>,
) {
  const { database } = await getDatabase({ ctx, input: { projectId, databaseId } });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const f = database.fields.find((x) => x.id === k || x.name.toLowerCase() === k.toLowerCase());
    if (!f)
      throw new StepError("validation", `The database "${database.name}" has no field "${k}".`);
    out[f.id] = v;
  }
  return { database, values: out };
}

function paragraphs(text: string) {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] }));
}

let allowCache: { raw: string; list: AllowList } | undefined;
function allowList(raw: string): AllowList {
  if (allowCache?.raw !== raw) allowCache = { raw, list: parseAllowList(raw) };
  return allowCache.list;
}

/**
 * The real effects of a run: the AI router (source "workflow", the step's ids on its ledger
 * row), SSRF-safe HTTP, and the project services acting as the run's user — so every permission
 * check a person meets applies to their workflows too.
 */
export function realEffects(ctx: Ctx, run: { projectId: string }): Effects {
  return {
    now: () => ctx.clock.now(),
    async ai(call, step, signal) {
      const messages = [
        ...(call.system ? [{ role: "system" as const, content: call.system }] : []),
        { role: "user" as const, content: call.prompt },
      ];
      const r = await ctx.ai.complete(ctx, {
        messages,
        model: call.model,
        taskType: call.taskType as TaskType | undefined,
        temperature: call.temperature,
        maxOutputTokens: call.maxOutputTokens,
        projectId: run.projectId,
        signal,
        source: "workflow",
        workflow: { runId: step.runId, stepId: step.stepId },
      });
      return {
        text: r.text,
        model: r.decision.model,
        tokens: r.usage.inputTokens + r.usage.outputTokens,
        costUsd: r.costUsd,
      };
    },
    async http(call, signal) {
      return safeFetch(
        { url: call.url, method: call.method, headers: call.headers, body: call.body },
        {
          allow: allowList(ctx.env.workflows.httpAllow),
          timeoutMs: call.timeoutMs,
          maxBytes: call.maxBytes,
          signal,
        },
      );
    },
    async database(call: DatabaseCall) {
      const { projectId } = run;
      if (call.operation === "query") {
        const { database } = await getDatabase({
          ctx,
          input: { projectId, databaseId: call.databaseId },
        });
        const filters = call.filters.map((f) => {
          const x = f as { field: string; op: string; value?: string };
          const field = database.fields.find(
            (d) => d.id === x.field || d.name.toLowerCase() === x.field.toLowerCase(),
          );
          if (!field)
            throw new StepError(
              "validation",
              `The database "${database.name}" has no field "${x.field}".`,
            );
          return { ...x, field: field.id };
        });
        const page = await listRecords({
          ctx,
          input: { projectId, databaseId: call.databaseId, filters, pageSize: call.limit },
        });
        return page;
      }
      const { values } = await byFieldId(ctx, projectId, call.databaseId, call.values);
      if (call.operation === "insert")
        return createRecord({
          ctx,
          input: { projectId, databaseId: call.databaseId, data: values },
        });
      return updateRecord({
        ctx,
        input: { projectId, databaseId: call.databaseId, recordId: call.recordId, data: values },
      });
    },
    async document(call: DocumentCall) {
      const { projectId } = run;
      if (call.mode === "create")
        return createDocument({
          ctx,
          input: {
            projectId,
            title: call.title.slice(0, 200),
            content: { type: "doc", content: paragraphs(call.text) },
          },
        });
      const { document } = await getDocument({
        ctx,
        input: { projectId, documentId: call.documentId },
      });
      const content = document.content as { type: "doc"; content?: unknown[] };
      return updateDocument({
        ctx,
        input: {
          projectId,
          documentId: call.documentId,
          version: document.version,
          content: { type: "doc", content: [...(content.content ?? []), ...paragraphs(call.text)] },
        },
      });
    },
  };
}
