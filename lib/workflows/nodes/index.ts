import { approval } from "./approval";
import { condition } from "./condition";
import { database } from "./database";
import { delay } from "./delay";
import { document } from "./document";
import { http } from "./http";
import { iterate } from "./iterate";
import { llm } from "./llm";
import { output } from "./output";
import { switchNode } from "./switch";
import { transform } from "./transform";
import { trigger } from "./trigger";
import type { NodeDefinition } from "./types";

/**
 * Every node type, by `type`: the graph schema, validation, the engine, the API and the builder
 * all read these (one config schema per type, never a second copy).
 */
export const NODE_DEFINITIONS = {
  trigger,
  llm,
  condition,
  switch: switchNode,
  transform,
  iterate,
  http,
  database,
  document,
  approval,
  delay,
  output,
} as const;

export type NodeType = keyof typeof NODE_DEFINITIONS;
export const NODE_TYPES = Object.keys(NODE_DEFINITIONS) as [NodeType, ...NodeType[]];

export function definitionOf(type: string): NodeDefinition<unknown> | undefined {
  return Object.hasOwn(NODE_DEFINITIONS, type)
    ? (NODE_DEFINITIONS[type as NodeType] as NodeDefinition<unknown>)
    : undefined;
}

export type { NodeDefinition, Effects, ExecContext, NodeOutcome, Handle } from "./types";
