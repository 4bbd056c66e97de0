/**
 * Ready workflows to start from (POST /api/workflows with `template`). Each is an ordinary
 * graph: validated like any other, and tested against the fake provider.
 */
export interface TemplateParams {
  /** The project database the template reads or writes (classify, digest). */
  databaseId?: string;
}

const PLACEHOLDER_DB = "00000000-0000-4000-8000-000000000000";
const pos = (x: number, y: number) => ({ x: x * 260, y: y * 140 });

const TEMPLATES: Record<
  string,
  { title: string; description: string; graph: (p: TemplateParams) => unknown }
> = {
  "summarize-url": {
    title: "Summarize a URL into a document",
    description: "Fetches a page, asks a model for a summary, and saves it as a project document.",
    graph: () => ({
      nodes: [
        {
          id: "trigger",
          type: "trigger",
          position: pos(0, 0),
          config: {
            inputs: [
              { name: "url", type: "string", required: true, description: "The page to summarize" },
            ],
          },
        },
        {
          id: "fetch",
          type: "http",
          position: pos(1, 0),
          config: {
            method: "GET",
            url: "{{ trigger.url }}",
            responseType: "text",
            maxBytes: 500000,
          },
        },
        {
          id: "summarize",
          type: "llm",
          position: pos(2, 0),
          config: {
            taskType: "summarize",
            persona: "writer",
            prompt: "Summarize this page in five bullet points:\n\n{{ fetch.body }}",
          },
        },
        {
          id: "save",
          type: "document",
          position: pos(3, 0),
          config: {
            mode: "create",
            title: "Summary of {{ trigger.url }}",
            text: "{{ summarize.text }}",
          },
        },
        {
          id: "result",
          type: "output",
          position: pos(4, 0),
          config: { expression: '{"document": save.document.id, "summary": summarize.text}' },
        },
      ],
      edges: [
        { id: "e1", source: "trigger", target: "fetch" },
        { id: "e2", source: "fetch", target: "summarize" },
        { id: "e3", source: "summarize", target: "save" },
        { id: "e4", source: "save", target: "result" },
      ],
    }),
  },
  "classify-webhook": {
    title: "Classify a webhook into a database",
    description: "Takes a webhook payload, classifies its text with a model, and inserts a record.",
    graph: (p) => ({
      nodes: [
        {
          id: "trigger",
          type: "trigger",
          position: pos(0, 0),
          config: {
            inputs: [
              {
                name: "text",
                type: "string",
                required: true,
                description: "The message to classify",
              },
            ],
            webhook: { auth: "hmac" },
          },
        },
        {
          id: "classify",
          type: "llm",
          position: pos(1, 0),
          config: {
            taskType: "extraction",
            persona: "classifier",
            prompt:
              'Classify this message as "bug", "question" or "feedback". Answer as JSON {"label": ...}.\n\n{{ trigger.text }}',
            outputSchema: {
              type: "object",
              properties: { label: { type: "string", enum: ["bug", "question", "feedback"] } },
              required: ["label"],
            },
          },
        },
        {
          id: "store",
          type: "database",
          position: pos(2, 0),
          config: {
            operation: "insert",
            databaseId: p.databaseId ?? PLACEHOLDER_DB,
            values: { text: "trigger.text", label: "classify.json.label" },
          },
        },
        {
          id: "result",
          type: "output",
          position: pos(3, 0),
          config: { expression: "classify.json.label" },
        },
      ],
      edges: [
        { id: "e1", source: "trigger", target: "classify" },
        { id: "e2", source: "classify", target: "store" },
        { id: "e3", source: "store", target: "result" },
      ],
    }),
  },
  "database-digest": {
    title: "Scheduled digest of a database, approved before it is saved",
    description:
      "Every Monday: reads recent records, writes a digest, and saves it once an editor approves.",
    graph: (p) => ({
      nodes: [
        {
          id: "trigger",
          type: "trigger",
          position: pos(0, 1),
          config: { inputs: [], schedule: { cron: "0 8 * * 1", timezone: "UTC", input: {} } },
        },
        {
          id: "records",
          type: "database",
          position: pos(1, 1),
          config: { operation: "query", databaseId: p.databaseId ?? PLACEHOLDER_DB, limit: 100 },
        },
        {
          id: "digest",
          type: "llm",
          position: pos(2, 1),
          config: {
            taskType: "summarize",
            persona: "analyst",
            prompt: "Write a short weekly digest of these records:\n\n{{ records.records }}",
          },
        },
        {
          id: "review",
          type: "approval",
          position: pos(3, 1),
          config: {
            role: "editor",
            prompt: "Save this digest?\n\n{{ digest.text }}",
            timeoutMinutes: 1440,
          },
        },
        {
          id: "save",
          type: "document",
          position: pos(4, 0),
          config: { mode: "create", title: "Weekly digest", text: "{{ digest.text }}" },
        },
        { id: "saved", type: "output", position: pos(5, 0), config: { expression: '"saved"' } },
        {
          id: "skipped",
          type: "output",
          position: pos(4, 2),
          config: { expression: '"not saved"' },
        },
      ],
      edges: [
        { id: "e1", source: "trigger", target: "records" },
        { id: "e2", source: "records", target: "digest" },
        { id: "e3", source: "digest", target: "review" },
        { id: "e4", source: "review", sourceHandle: "approved", target: "save" },
        { id: "e5", source: "save", target: "saved" },
        { id: "e6", source: "review", sourceHandle: "rejected", target: "skipped" },
        { id: "e7", source: "review", sourceHandle: "timeout", target: "skipped" },
      ],
    }),
  },
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES);

export function listTemplates() {
  return Object.entries(TEMPLATES).map(([id, t]) => ({
    id,
    title: t.title,
    description: t.description,
  }));
}

export function templateGraph(
  id: string,
  params: TemplateParams = {},
): { nodes: unknown[]; edges: unknown[] } | undefined {
  return Object.hasOwn(TEMPLATES, id)
    ? (TEMPLATES[id]!.graph(params) as { nodes: unknown[]; edges: unknown[] })
    : undefined;
}
