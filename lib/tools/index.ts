// The platform's tools: one descriptor per operation, each over a lib/ service. The MCP server
// registers every tool here; nothing else in mcp/ knows what a tool does.
import { listProjectsTool } from "./list-projects";
import type { ToolDescriptor } from "./types";

export const TOOLS: readonly ToolDescriptor[] = [listProjectsTool];

export { runTool } from "./run";
export { defineTool, type ToolAnnotations, type ToolDescriptor } from "./types";
export { listProjectsTool };
