import "server-only";
import { eq, sql } from "drizzle-orm";
import { databaseRecords, projectDatabases, type FieldDef } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, conflict, isUniqueViolation, notFound, validationError } from "../errors";
import { getDatabaseForActor } from "./access";
import { toView } from "./views";
import { checkField, newFieldId } from "./fields";
import { ManageSchemaInput, type ManageSchemaOutput, type TypeChangeReport } from "./schemas";
import { convert } from "./values";

/**
 * One schema operation on a database (editors and owners), under a row lock so changes apply one
 * at a time. Each applied change bumps `schemaVersion` and writes an audit row with before/after.
 * `change_type` without `apply` is a dry run: it reports how many records convert and lists those
 * that would not; with `apply` it converts every record in one transaction, or — if any fails —
 * none (422 with the report).
 */
export async function manageSchema({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ManageSchemaOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, databaseId, change } = ManageSchemaInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const fieldAt = (fieldId: string) => {
      const i = d.fields.findIndex((f) => f.id === fieldId);
      if (i === -1) throw notFound("Field");
      return i;
    };
    let fields: FieldDef[] = d.fields;
    let name = d.name;
    let report: TypeChangeReport | undefined;
    switch (change.op) {
      case "rename_database":
        name = change.name;
        break;
      case "add_field": {
        const field = checkField({ ...change.field, id: newFieldId() }, d.fields, "field");
        if (
          field.required &&
          field.default === undefined &&
          (await tx.db.$count(databaseRecords, eq(databaseRecords.databaseId, d.id))) > 0
        ) {
          throw validationError([
            {
              field: "field.default",
              message: "is needed to add a required field to a database that has records",
            },
          ]);
        }
        fields = [...d.fields, field];
        if (field.default !== undefined) {
          await tx.db
            .update(databaseRecords)
            .set({
              data: sql`${databaseRecords.data} || ${JSON.stringify({ [field.id]: field.default })}::jsonb`,
            })
            .where(eq(databaseRecords.databaseId, d.id));
        }
        break;
      }
      case "rename_field": {
        const i = fieldAt(change.fieldId);
        fields = d.fields.map((f, j) =>
          j === i ? checkField({ ...f, name: change.name }, d.fields, "name") : f,
        );
        break;
      }
      case "drop_field": {
        fieldAt(change.fieldId);
        fields = d.fields.filter((f) => f.id !== change.fieldId);
        await tx.db
          .update(databaseRecords)
          .set({ data: sql`${databaseRecords.data} - ${change.fieldId}::text` })
          .where(eq(databaseRecords.databaseId, d.id));
        break;
      }
      case "change_type": {
        const i = fieldAt(change.fieldId);
        const old = d.fields[i]!;
        const next = checkField(
          {
            ...old,
            type: change.type,
            options: change.type === "select" ? change.options : undefined,
            unique: old.unique && (change.type === "text" || change.type === "number"),
            default: undefined,
          },
          d.fields,
          "type",
        );
        const records = await tx.db
          .select({ id: databaseRecords.id, data: databaseRecords.data })
          .from(databaseRecords)
          .where(eq(databaseRecords.databaseId, d.id));
        const converted: { id: string; value: unknown }[] = [];
        const failing: TypeChangeReport["failing"] = [];
        for (const r of records) {
          const c = convert(r.data[old.id], next.type, next.options);
          if (c.ok) converted.push({ id: r.id, value: c.value });
          else failing.push({ recordId: r.id, value: r.data[old.id], reason: c.reason });
        }
        report = {
          total: records.length,
          convertible: converted.length,
          failing: failing.slice(0, 50),
          failingCount: failing.length,
        };
        if (!change.apply) return { database: toView(d), report, applied: false };
        if (failing.length)
          throw new AppError(
            "validation",
            `${failing.length} of ${records.length} records cannot become ${next.type}; nothing was changed.`,
            { report },
          );
        // In batches of 1000 records per statement (the value index is kept by a statement-level trigger).
        // Every record that holds a value is rewritten, "" (which converts to empty) included.
        const had = new Set(
          records
            .filter((r) => r.data[old.id] !== undefined && r.data[old.id] !== null)
            .map((r) => r.id),
        );
        const changed = converted.filter((c) => had.has(c.id));
        for (let n = 0; n < changed.length; n += 1000) {
          const batch = JSON.stringify(changed.slice(n, n + 1000));
          await tx.db
            .execute(sql`update ${databaseRecords} set data = case when x.value is null or x.value = 'null'::jsonb then data - ${old.id}::text else jsonb_set(data, ${`{${old.id}}`}::text[], x.value) end, updated_at = ${tx.clock.now().toISOString()}::timestamptz
            from jsonb_to_recordset(${batch}::jsonb) as x(id uuid, value jsonb) where ${databaseRecords.id} = x.id`);
        }
        fields = d.fields.map((f, j) => (j === i ? next : f));
        break;
      }
    }
    const [saved] = await tx.db
      .update(projectDatabases)
      .set({ name, fields, schemaVersion: d.schemaVersion + 1, updatedAt: tx.clock.now() })
      .where(eq(projectDatabases.id, d.id))
      .returning()
      .catch((err: unknown) => {
        throw isUniqueViolation(err)
          ? conflict(`This project already has a database named "${name}".`)
          : err;
      });
    await recordAudit(tx, {
      action: `database.${change.op}`,
      targetType: "database",
      targetId: d.id,
      metadata: {
        schemaVersion: saved!.schemaVersion,
        before: { name: d.name, fields: d.fields },
        after: { name, fields },
      },
    });
    return { database: toView(saved!), report, applied: true };
  });
}
