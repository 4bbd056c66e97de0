import type { z } from "zod";
import type { Ctx, Scope } from "../context";

/** MCP tool annotations: hints a client shows its user before it calls (never a security boundary). */
export interface ToolAnnotations {
  /** Only reads: calling it changes nothing. */
  readOnlyHint: boolean;
  /** May delete or overwrite data (its service should make that a dry run until confirmed). */
  destructiveHint: boolean;
  /** Calling it twice with the same input has the effect of calling it once. */
  idempotentHint: boolean;
  /** Reaches beyond the platform (an AI provider, the web). */
  openWorldHint: boolean;
}

/**
 * One platform operation as a tool: a descriptor over a lib/ service, adapted to MCP (and, where
 * useful, to chat tools and workflow nodes). The schemas are the service's own zod input and
 * output, so the tool validates exactly as the HTTP route does, and `run` only calls services.
 */
export interface ToolDescriptor<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** snake_case, unique: what clients call. */
  name: string;
  /** A short human title. */
  title: string;
  /** What it does, for the model that decides whether to call it. */
  description: string;
  inputSchema: I;
  /** Its result: an object (MCP's structuredContent), validated before it is returned. */
  outputSchema: O;
  /** The API-key scope a caller needs (sessions have every scope). */
  scope: Scope;
  annotations: ToolAnnotations;
  run(args: { ctx: Ctx; input: z.output<I> }): Promise<z.output<O>>;
  /** The short text a client shows next to the structured result. */
  render(output: z.output<O>): string;
}

/** Keeps the descriptor's input and output types tied to its schemas. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(
  tool: ToolDescriptor<I, O>,
): ToolDescriptor<I, O> {
  return tool;
}
