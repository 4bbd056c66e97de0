import type { DatabaseRecord, ProjectDatabase } from "@/db/schema";
import type { DatabaseView, RecordView } from "./schemas";

export const toView = (d: ProjectDatabase, recordCount?: number): DatabaseView => ({
  id: d.id,
  projectId: d.projectId,
  name: d.name,
  description: d.description,
  fields: d.fields,
  schemaVersion: d.schemaVersion,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  ...(recordCount !== undefined && { recordCount }),
});

export const toRecordView = (r: DatabaseRecord): RecordView => ({
  id: r.id,
  data: r.data,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
