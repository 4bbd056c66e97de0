/*
 * The engine's pure modules the builder runs in the browser: the same node schemas and graph
 * validation as the server (CONVENTIONS §14: node data validated by the engine's own zod
 * schemas), so the canvas shows exactly the problems publishing would refuse. This is the one
 * place the editor takes values from lib/ (zod ships with this page only).
 */
/* eslint-disable @typescript-eslint/no-restricted-imports -- see above */
export { NodeId } from "@/lib/workflows/graph";
export { NODE_DEFINITIONS, NODE_TYPES, definitionOf } from "@/lib/workflows/nodes";
export { validateGraph } from "@/lib/workflows/validate";
/* eslint-enable @typescript-eslint/no-restricted-imports */
export type { Handle } from "@/lib/workflows/nodes";
