import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { AppError, fromZodError } from "../errors";
import type { ToolDescriptor } from "./types";

/**
 * Calls a tool as the ctx's caller: the key's scope is checked, the input parsed by the tool's
 * schema (a ZodError is the usual 422), the service runs (and authorizes again), and the result
 * must match the output schema. Expected failures are AppErrors for the transport to map (MCP:
 * `isError` results); a result that does not match is our bug, never the caller's.
 */
export async function runTool<T extends ToolDescriptor>(
  tool: T,
  { ctx, input }: { ctx: Ctx; input: unknown },
): Promise<{ output: unknown; text: string }> {
  requireUser(ctx, { scope: tool.scope });
  const parsed = tool.inputSchema.safeParse(input ?? {});
  if (!parsed.success) throw fromZodError(parsed.error);
  const output = await tool.run({ ctx, input: parsed.data });
  const checked = tool.outputSchema.safeParse(output);
  if (!checked.success) {
    throw new AppError(
      "internal",
      `The ${tool.name} tool returned an unexpected result.`,
      undefined,
      {
        cause: checked.error,
      },
    );
  }
  return { output: checked.data, text: tool.render(checked.data) };
}
