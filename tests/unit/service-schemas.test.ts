import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ListAuditInput, ListAuditOutput } from "@/lib/admin/schemas";
import {
  ListBudgetsOutput,
  SetBudgetInput,
  SetBudgetOutput,
  UpsertModelInput,
} from "@/lib/ai/admin/schemas";
import { CompletionOutput, CompletionRequest } from "@/lib/ai/schemas";
import {
  ChatTurnRequest,
  ConversationOutput,
  DeleteConversationInput,
  GetConversationInput,
  GetConversationOutput,
  ListConversationsOutput,
  ListConversationsQuery,
  RenameConversationInput,
} from "@/lib/chat/schemas";
import {
  CreateDatabaseInput,
  CreateRecordInput,
  DatabaseOutput,
  DatabaseRef,
  DeleteRecordInput,
  DropDatabaseInput,
  DropDatabaseOutput,
  ExportRecordsOutput,
  ExportRecordsInput,
  GetDatabaseInput,
  ImportRecordsInput,
  ImportReport,
  ListDatabasesInput,
  ListDatabasesOutput,
  ListRecordsInput,
  ListRecordsOutput,
  ManageSchemaInput,
  ManageSchemaOutput,
  NewField,
  RecordOutput,
  SchemaChange,
  UpdateRecordInput,
} from "@/lib/databases/schemas";
import {
  CreateDocumentInput,
  DeleteDocumentInput,
  DocumentOutput,
  DocumentRef,
  GetDocumentInput,
  ListDocumentsInput,
  ListDocumentsOutput,
  UpdateDocumentInput,
} from "@/lib/documents/schemas";
import {
  AddMemberInput,
  CreateProjectInput,
  DeleteProjectInput,
  DeleteProjectOutput,
  GetProjectInput,
  GetProjectOutput,
  ListProjectsInput,
  ListProjectsOutput,
  MembersOutput,
  ProjectOutput,
  RemoveMemberInput,
  UpdateMemberInput,
  UpdateProjectInput,
} from "@/lib/projects/schemas";

/**
 * The MCP tools (list_projects, get_project, create_project, update_project, delete_project,
 * list_databases, manage_database_schema, …) publish these service inputs and outputs as their
 * JSON Schemas unchanged, so every property a client can send or read must say what it is.
 */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  in?: z.ZodType;
  innerType?: z.ZodType;
};
const def = (t: z.ZodType) => (t as unknown as { def: Def }).def;

/**
 * Paths of the object properties without a description, at any depth: through wrappers
 * (optional, nullable, default, …), array elements (`[]`), record values (`{}`), union options
 * (`[i]`), tuples and intersections. A property's own description is what a client sees, so an
 * object nested in a described property still needs its own properties described.
 */
function undescribed(schema: z.ZodType, path = "", seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return []; // shared parts are walked once
  seen.add(schema);
  const d = def(schema);
  const walk = (t: z.ZodType | undefined, at = path) => (t ? undescribed(t, at, seen) : []);
  switch (d.type) {
    case "object":
      return Object.entries(d.shape!).flatMap(([key, prop]) => {
        const here = `${path}.${key}`;
        const own = prop.description || key === "op" ? [] : [here]; // `op` is the discriminator, named by its literal
        return [...own, ...walk(prop, here)];
      });
    case "union":
      return d.options!.flatMap((o, i) => walk(o, `${path}[${i}]`));
    case "array":
      return walk(d.element, `${path}[]`);
    case "record":
      return walk(d.valueType, `${path}{}`);
    case "tuple":
      return (d.items ?? []).flatMap((t, i) => walk(t, `${path}[${i}]`));
    case "intersection":
      return [...walk(d.left), ...walk(d.right)];
    case "pipe":
      return walk(d.in);
    case "lazy":
      // Recursive (a Tiptap node's content is nodes): described once, by the property that holds it.
      return [];
    default:
      return walk(d.innerType);
  }
}

describe("the walker finds what a client would see undescribed", () => {
  it("in nested objects, array elements, record values, union options and wrappers", () => {
    const inner = z.object({ a: z.string(), b: z.number().describe("b") });
    expect(
      undescribed(
        z.object({
          list: z.array(inner).describe("list"),
          map: z.record(z.string(), inner.extend({ c: z.boolean() })).describe("map"),
          either: z.union([inner, z.object({ d: z.string() })]).describe("either"),
          maybe: inner.optional().nullable().default(null).describe("maybe"),
          bare: z.string(),
        }),
      ),
    ).toEqual([
      ".list[].a",
      ".map{}.a",
      ".map{}.c",
      ".either[1].d", // inner was walked (and reported) once already
      ".bare",
    ]);
  });
});

describe("service inputs are self-describing for the MCP tools", () => {
  it.each(
    Object.entries({
      // projects
      CreateProjectInput,
      ListProjectsInput,
      GetProjectInput,
      UpdateProjectInput,
      DeleteProjectInput,
      AddMemberInput,
      UpdateMemberInput,
      RemoveMemberInput,
      // databases and records
      DatabaseRef,
      CreateDatabaseInput,
      NewField,
      ListDatabasesInput,
      GetDatabaseInput,
      DropDatabaseInput,
      SchemaChange,
      ManageSchemaInput,
      CreateRecordInput,
      UpdateRecordInput,
      DeleteRecordInput,
      ListRecordsInput,
      ExportRecordsInput,
      ImportRecordsInput,
      // documents
      DocumentRef,
      CreateDocumentInput,
      GetDocumentInput,
      UpdateDocumentInput,
      DeleteDocumentInput,
      ListDocumentsInput,
      // chat and completions
      ChatTurnRequest,
      ListConversationsQuery,
      GetConversationInput,
      RenameConversationInput,
      DeleteConversationInput,
      CompletionRequest,
      // admin
      ListAuditInput,
      SetBudgetInput,
      UpsertModelInput,
    }),
  )("%s", (_name, schema) => {
    expect(undescribed(schema as z.ZodType)).toEqual([]);
  });

  it("the ids are part of every input, and described", () => {
    const json = (s: z.ZodType) =>
      z.toJSONSchema(s, { io: "input" }) as {
        properties: Record<string, { description?: string }>;
        required?: string[];
      };
    expect(json(UpdateRecordInput).properties).toMatchObject({
      projectId: { description: "The project's id" },
      databaseId: { description: "The database's id" },
      recordId: { description: "The record's id" },
    });
    expect(json(UpdateRecordInput).required).toEqual(
      expect.arrayContaining(["projectId", "databaseId", "recordId", "data"]),
    );
    expect(json(AddMemberInput).properties.projectId?.description).toBe("The project's id");
    expect(json(UpdateDocumentInput).properties.documentId?.description).toBe("The document's id");
  });

  it("and their JSON Schemas carry those descriptions", () => {
    const json = z.toJSONSchema(ListRecordsInput, { io: "input" }) as {
      properties: Record<string, { description?: string }>;
    };
    expect(json.properties.filters?.description).toBe("All must match");
    expect(json.properties.sort?.description).toMatch(/newest first/);
  });
});

/**
 * Output properties that have no description yet (lib/ is to add them). The list is exact: a
 * new gap fails the test, and so does a gap that was closed (take it off the list).
 */

describe("service outputs are self-describing for the MCP tools", () => {
  it.each(
    Object.entries({
      // projects
      ProjectOutput,
      ListProjectsOutput,
      GetProjectOutput,
      MembersOutput,
      DeleteProjectOutput,
      // databases and records
      DatabaseOutput,
      ListDatabasesOutput,
      DropDatabaseOutput,
      ExportRecordsOutput,
      ManageSchemaOutput,
      RecordOutput,
      ListRecordsOutput,
      ImportReport,
      // documents
      DocumentOutput,
      ListDocumentsOutput,
      // completions and chat
      CompletionOutput,
      ConversationOutput,
      ListConversationsOutput,
      GetConversationOutput,
      // admin
      ListAuditOutput,
      ListBudgetsOutput,
      SetBudgetOutput,
    }),
  )("%s", (name, schema) => {
    expect(undescribed(schema as z.ZodType)).toEqual([]);
  });
});
