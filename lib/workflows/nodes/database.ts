import { z } from "zod";
import { FILTER_OPS } from "../../databases/filter-ops";
import { checkExpression, checkTemplate, evaluate, render } from "./compile";
import type { NodeDefinition } from "./types";

const Values = z
  .record(z.string().min(1).max(100), z.string().min(1).max(4096))
  .default({})
  .describe("Field name (or id) → a CEL expression for its value");

export const DatabaseConfig = z
  .object({
    operation: z
      .enum(["query", "insert", "update"])
      .describe("query: read records; insert: add one; update: change one"),
    databaseId: z.uuid().describe("A database of this workflow's project"),
    filters: z
      .array(
        z
          .object({
            field: z.string().min(1).max(100).describe("Field name (or id)"),
            op: z.enum(FILTER_OPS).describe("How to compare"),
            value: z
              .string()
              .max(4096)
              .optional()
              .describe("Template for the value to compare with"),
          })
          .strict(),
      )
      .max(20)
      .default([])
      .describe("query: all must match"),
    limit: z.number().int().min(1).max(500).default(50).describe("query: most records returned"),
    values: Values,
    recordId: z.string().max(4096).optional().describe("update: CEL expression for the record id"),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.operation === "update" && !c.recordId)
      ctx.addIssue({ code: "custom", path: ["recordId"], message: "is required to update" });
    if (c.operation !== "query" && Object.keys(c.values).length === 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: "needs at least one field" });
  });
export type DatabaseConfig = z.infer<typeof DatabaseConfig>;

export const database: NodeDefinition<DatabaseConfig> = {
  type: "database",
  title: "Database",
  description: "Queries, inserts or updates records of a project database, as the run's user.",
  config: DatabaseConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [{ id: "out", label: "Result" }],
  idempotent: (c) => c.operation === "query",
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    config.filters.forEach((f, i) => {
      if (f.value !== undefined) checkTemplate(f.value, `filters.${i}.value`, scope, issues);
    });
    for (const [k, v] of Object.entries(config.values))
      checkExpression(v, `values.${k}`, scope, issues);
    if (config.recordId) checkExpression(config.recordId, "recordId", scope, issues);
    return issues;
  },
  async execute(c, x) {
    if (c.operation === "query") {
      const filters = c.filters.map((f) => ({
        field: f.field,
        op: f.op,
        ...(f.value !== undefined && { value: render(f.value, x.vars) }),
      }));
      const output = await x.effects.database(
        { operation: "query", databaseId: c.databaseId, filters, limit: c.limit },
        x.signal,
      );
      return { output };
    }
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c.values)) values[k] = evaluate(v, x.vars);
    if (c.operation === "insert")
      return {
        output: await x.effects.database(
          { operation: "insert", databaseId: c.databaseId, values },
          x.signal,
        ),
      };
    const recordId = String(evaluate(c.recordId!, x.vars));
    return {
      output: await x.effects.database(
        { operation: "update", databaseId: c.databaseId, recordId, values },
        x.signal,
      ),
    };
  },
};
