import { z } from "zod";
import { NODE_DEFINITIONS, NODE_TYPES, type NodeType } from "./nodes";

export const MAX_NODES = 500;
export const MAX_EDGES = 2000;

/** Node ids are variable names in expressions (`fetch.status`), so they are identifiers. */
export const NodeId = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    "must be a letter or _ then up to 63 letters, digits or _",
  )
  .refine(
    (s) => !RESERVED_IDS.has(s),
    "is a reserved word (item, index, input, true, false, null, …)",
  )
  .describe("The node's id; other nodes read its output as <id>.field");

const RESERVED_IDS = new Set([
  "item",
  "index",
  "input",
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
  "has",
  "size",
  "int",
  "uint",
  "double",
  "string",
  "bytes",
  "bool",
  "list",
  "map",
  "type",
  "dyn",
  "timestamp",
  "duration",
  "cel",
  "google",
  "optional",
]);

const Json = z.unknown();

/** What every node has, whatever its type. */
const NodeCommon = {
  id: NodeId,
  label: z.string().max(120).optional().describe("Shown on the canvas"),
  position: z
    .object({ x: z.number().finite(), y: z.number().finite() })
    .strict()
    .optional()
    .describe("Canvas position"),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .optional()
    .describe("The step fails after this long (default 60 s)"),
  retry: z
    .object({
      attempts: z
        .number()
        .int()
        .min(0)
        .max(5)
        .default(0)
        .describe("Extra attempts after a failure"),
      backoffMs: z
        .number()
        .int()
        .min(0)
        .max(60_000)
        .default(1000)
        .describe("Wait before the first retry; doubles each time"),
    })
    .strict()
    .optional()
    .describe("Retries with backoff"),
  onError: z
    .object({
      policy: z
        .enum(["fail", "continue", "branch"])
        .default("fail")
        .describe(
          "fail: the run fails; continue: use `default` as the output; branch: take the error handle",
        ),
      default: Json.optional().describe("continue: the output used instead"),
    })
    .strict()
    .optional()
    .describe("What a failure does"),
};

function nodeSchema<T extends NodeType>(type: T) {
  return z
    .object({
      ...NodeCommon,
      type: z.literal(type),
      config: NODE_DEFINITIONS[type].config as (typeof NODE_DEFINITIONS)[T]["config"],
    })
    .strict();
}

/** One discriminated union member per node type. */
export const WorkflowNode = z.discriminatedUnion(
  "type",
  NODE_TYPES.map((t) => nodeSchema(t)) as unknown as [
    ReturnType<typeof nodeSchema<NodeType>>,
    ...ReturnType<typeof nodeSchema<NodeType>>[],
  ],
  { error: `type must be one of ${NODE_TYPES.join(", ")}` },
);
export type WorkflowNode = z.infer<typeof WorkflowNode>;

export const WorkflowEdge = z
  .object({
    id: z.string().min(1).max(100).describe("The edge's id"),
    source: z.string().min(1).max(64).describe("The node it leaves"),
    sourceHandle: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe("The output handle (default: the only one)"),
    target: z.string().min(1).max(64).describe("The node it enters"),
    targetHandle: z.string().min(1).max(40).optional().describe("The input handle (default: in)"),
  })
  .strict();
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

/**
 * The shape of a graph. Structure (dangling edges, cycles, handles, variables) is checked by
 * validateGraph, which reports per node and per edge instead of failing the parse.
 */
export const WorkflowGraph = z
  .object({
    nodes: z.array(z.unknown()).max(MAX_NODES, `at most ${MAX_NODES} nodes`).describe("The steps"),
    edges: z
      .array(z.unknown())
      .max(MAX_EDGES, `at most ${MAX_EDGES} edges`)
      .describe("The connections"),
  })
  .strict();
export type WorkflowGraph = { nodes: WorkflowNode[]; edges: WorkflowEdge[] };
