import "server-only";
import { projectDatabases, type FieldDef } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict, isUniqueViolation } from "../errors";
import { getProjectForActor } from "../projects/access";
import { checkField, newFieldId } from "./fields";
import { CreateDatabaseInput, type DatabaseOutput } from "./schemas";
import { toView } from "./views";

/** Creates a typed database in a project (editors and owners). Audited. */
export async function createDatabase({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DatabaseOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, ...data } = CreateDatabaseInput.parse(input);
  const fields: FieldDef[] = [];
  data.fields.forEach((f, i) =>
    fields.push(checkField({ ...f, id: newFieldId() }, fields, `fields.${i}`)),
  );
  return withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: "editor",
      active: true,
    });
    const [row] = await tx.db
      .insert(projectDatabases)
      .values({
        projectId: project.id,
        name: data.name,
        description: data.description,
        fields,
        createdBy: actor.userId,
      })
      .returning()
      .catch((err: unknown) => {
        throw isUniqueViolation(err)
          ? conflict(`This project already has a database named "${data.name}".`)
          : err;
      });
    await recordAudit(tx, {
      action: "database.create",
      targetType: "database",
      targetId: row!.id,
      metadata: { projectId: project.id, after: { name: data.name, fields } },
    });
    return { database: toView(row!, 0) };
  });
}
