export {
  createDatabase,
  listDatabases,
  getDatabase,
  dropDatabase,
  type DatabaseView,
} from "./databases";
export { manageSchema, type TypeChangeReport } from "./schema-change";
export { createRecord, updateRecord, deleteRecord, listRecords, type RecordView } from "./records";
export { exportRecords } from "./export";
export { importRecords, type ImportReport } from "./import";
