import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createProject } from "@/lib/projects";
import { ListProjectsOutput } from "@/lib/projects/schemas";
import { listProjectsTool, runTool, TOOLS } from "@/lib/tools";
import { dbTest, userCtx } from "../helpers/db";

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  return { status: e.status, code: e.code, message: e.message, details: e.details };
};

describe("tool descriptors", () => {
  it("have unique snake_case names and publish described JSON Schemas", () => {
    const names = TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of TOOLS) {
      expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
      const input = z.toJSONSchema(tool.inputSchema, { io: "input" }) as {
        type: string;
        properties: Record<string, { description?: string }>;
      };
      expect(input.type).toBe("object");
      for (const [key, prop] of Object.entries(input.properties)) {
        expect([tool.name, key, prop.description ?? ""]).toEqual([
          tool.name,
          key,
          expect.stringMatching(/\S/),
        ]);
      }
      expect(z.toJSONSchema(tool.outputSchema, { io: "output" })).toMatchObject({ type: "object" });
    }
  });

  it("list_projects is a read-only, idempotent, closed-world reader that needs the read scope", () => {
    expect(listProjectsTool).toMatchObject({
      name: "list_projects",
      scope: "read",
      annotations: {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    });
  });
});

describe("list_projects, run as the caller", () => {
  dbTest("returns the caller's projects only, as structured output and text", async ({ db }) => {
    const me = await userCtx(db);
    const other = await userCtx(db);
    await createProject({ ctx: me, input: { name: "Alpha" } });
    await createProject({ ctx: me, input: { name: "Beta" } });
    await createProject({ ctx: other, input: { name: "Alpha of someone else" } });
    const { output, text } = await runTool(listProjectsTool, { ctx: me, input: { q: "alpha" } });
    const result = ListProjectsOutput.parse(output);
    expect(result).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(result.projects.map((p) => [p.name, p.role])).toEqual([["Alpha", "owner"]]);
    expect(text).toBe(`1 project (page 1):\n- Alpha (owner) ${result.projects[0]!.id}`);
    const none = await runTool(listProjectsTool, { ctx: me, input: { q: "gamma" } });
    expect(none.text).toBe("No projects match.");
  });

  dbTest("a key without the read scope is refused before the service runs", async ({ db }) => {
    const me = await userCtx(db, { scopes: ["write"] });
    const keyOnly: Ctx = { ...me, actor: { ...me.actor, via: "api_key" } };
    expect(await failure(runTool(listProjectsTool, { ctx: keyOnly, input: {} }))).toEqual({
      status: 403,
      code: "forbidden",
      message: 'This API key lacks the "read" scope.',
      details: undefined,
    });
  });

  dbTest("bad input is a 422 naming the field; anonymous callers are 401", async ({ db, ctx }) => {
    const me = await userCtx(db);
    expect(
      await failure(runTool(listProjectsTool, { ctx: me, input: { pageSize: 1000, owner: "x" } })),
    ).toMatchObject({
      status: 422,
      code: "validation",
      details: {
        fields: [
          { field: "pageSize", message: "Too big: expected number to be <=100", code: "too_big" },
          { field: "owner", message: "is not a known field", code: "unrecognized_keys" },
        ],
      },
    });
    expect(await failure(runTool(listProjectsTool, { ctx, input: {} }))).toMatchObject({
      status: 401,
      code: "unauthorized",
    });
  });
});
