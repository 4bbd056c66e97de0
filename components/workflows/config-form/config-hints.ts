import type { FieldHints } from "./describe-schema";

/*
 * What a node's zod schema cannot say about its strings: which ones its validate() compiles as a
 * {{ template }} or as a CEL expression (checkTemplate / checkExpression in
 * lib/workflows/nodes/compile.ts), plus labels and long text. tests/unit/workflow-config-form-
 * hints.test.ts probes every node's validate() so this table cannot drift from the engine.
 */
const T = { format: "template" } as const;
const E = { format: "expression" } as const;

export const CONFIG_HINTS: Record<string, FieldHints> = {
  trigger: {
    "inputs.*.name": { placeholder: "topic" },
    "schedule.cron": { placeholder: "0 8 * * 1-5" },
    "schedule.input": { json: true, label: "Input" },
  },
  llm: {
    prompt: { ...T, multiline: true },
    system: { ...T, multiline: true, label: "System prompt" },
    taskType: { label: "Task type" },
    model: { placeholder: "auto" },
    maxOutputTokens: { label: "Max output tokens" },
    outputSchema: { json: true, label: "Output schema (JSON Schema)" },
  },
  condition: { expression: { ...E, placeholder: "fetch.status == 200" } },
  switch: { "cases.*.id": { label: "Id" }, "cases.*.expression": E },
  transform: { expression: { ...E, multiline: true } },
  iterate: { items: { ...E, placeholder: "query.records" }, maxItems: { label: "Max items" } },
  http: {
    url: { ...T, label: "URL" },
    "headers.*": { ...T, label: "Value" },
    body: { ...T, multiline: true },
    timeoutMs: { label: "Timeout (ms)" },
    maxBytes: { label: "Max bytes" },
    responseType: { label: "Response type" },
    failOnStatus: { label: "Fail on 4xx/5xx" },
  },
  database: {
    databaseId: { label: "Database id" },
    "filters.*.op": { label: "Operator" },
    "filters.*.value": T,
    "values.*": { ...E, label: "Value" },
    recordId: { ...E, label: "Record id" },
  },
  document: {
    title: T,
    text: { ...T, multiline: true },
    documentId: { label: "Document id" },
  },
  approval: {
    prompt: { ...T, multiline: true },
    timeoutMinutes: { label: "Timeout (minutes)" },
  },
  delay: {},
  output: { expression: E },
};
