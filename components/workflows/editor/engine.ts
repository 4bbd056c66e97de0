/*
 * The engine's pure modules the builder runs in the browser: the same node schemas and graph
 * validation as the server (CONVENTIONS §14: node data validated by the engine's own zod
 * schemas), so the canvas shows exactly the problems publishing would refuse. This is the one
 * place the editor takes values from lib/ (zod ships with this page only; eslint.config.mjs
 * allows exactly these modules).
 */
export { NodeId } from "@/lib/workflows/graph";
export { NODE_DEFINITIONS, NODE_TYPES, definitionOf } from "@/lib/workflows/nodes";
export { validateGraph } from "@/lib/workflows/validate";
export type { Handle } from "@/lib/workflows/nodes";
