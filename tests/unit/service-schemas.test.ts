import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CreateDatabaseInput,
  ImportRecordsInput,
  ListRecordsInput,
  NewField,
  RecordInput,
  SchemaChange,
} from "@/lib/databases/schemas";
import {
  CreateDocumentInput,
  ListDocumentsInput,
  UpdateDocumentInput,
} from "@/lib/documents/schemas";
import {
  AddMemberInput,
  CreateProjectInput,
  DeleteProjectInput,
  ListProjectsInput,
  UpdateMemberInput,
  UpdateProjectInput,
} from "@/lib/projects/schemas";

/**
 * The MCP tools (list_projects, get_project, create_project, update_project, delete_project,
 * list_databases, manage_database_schema, …) publish these service inputs as their JSON Schemas
 * unchanged, so every property a client can send must say what it is.
 */
function undescribed(schema: z.ZodType, path = "", seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return []; // recursive types (a Tiptap node's content is nodes)
  seen.add(schema);
  const s = schema as z.ZodType & { shape?: Record<string, z.ZodType>; options?: z.ZodType[] };
  if (s.options) return s.options.flatMap((o, i) => undescribed(o, `${path}[${i}]`, seen));
  if (!s.shape) return [];
  return Object.entries(s.shape).flatMap(([key, prop]) => {
    const here = `${path}.${key}`;
    const own = prop.description || key === "op" ? [] : [here]; // `op` is the discriminator, named by its literal
    return [...own, ...undescribed(unwrap(prop), here, seen)];
  });
}
const unwrap = (t: z.ZodType): z.ZodType => {
  if ((t as unknown as { def: { type: string } }).def.type === "lazy") return t; // recursive (Tiptap nodes): its shape is checked once, at the top
  const inner =
    (t as { unwrap?: () => z.ZodType }).unwrap?.() ??
    (t as unknown as { def: { innerType?: z.ZodType } }).def.innerType;
  return inner ? unwrap(inner) : t;
};

describe("service inputs are self-describing for the MCP tools", () => {
  it.each(
    Object.entries({
      CreateProjectInput,
      UpdateProjectInput,
      DeleteProjectInput,
      ListProjectsInput,
      AddMemberInput,
      UpdateMemberInput,
      CreateDatabaseInput,
      NewField,
      SchemaChange,
      RecordInput,
      ListRecordsInput,
      ImportRecordsInput,
      CreateDocumentInput,
      UpdateDocumentInput,
      ListDocumentsInput,
    }),
  )("%s", (_name, schema) => {
    expect(undescribed(schema as z.ZodType)).toEqual([]);
  });

  it("and their JSON Schemas carry those descriptions", () => {
    const json = z.toJSONSchema(ListRecordsInput, { io: "input" }) as {
      properties: Record<string, { description?: string }>;
    };
    expect(json.properties.filters?.description).toBe("All must match");
    expect(json.properties.sort?.description).toMatch(/newest first/);
  });
});
