import "server-only";
import { appendFileSync, mkdirSync, readFileSync, truncateSync } from "node:fs";
import path from "node:path";
import type { NewAiRequest } from "@/db/schema";

/**
 * Where the cost ledger keeps rows the database could not take (unreachable, or at shutdown):
 * an append-only file of JSON lines under DATA_DIR, read back when the process starts and
 * emptied once every row in it is written. Each row carries its id, and the ledger inserts with
 * `on conflict do nothing`: a row written before a crash and replayed again counts once.
 */
export interface LedgerSpill {
  append(rows: NewAiRequest[]): void;
  /** The rows in the file (a torn last line, from a crash mid-write, is skipped). */
  load(): NewAiRequest[];
  clear(): void;
}

export function fileSpill(file: string): LedgerSpill {
  return {
    append(rows) {
      mkdirSync(path.dirname(file), { recursive: true });
      appendFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join(""), { mode: 0o600 });
    },
    load() {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw err;
      }
      const rows: NewAiRequest[] = [];
      for (const line of text.split("\n")) {
        if (!line) continue;
        try {
          const row = JSON.parse(line) as NewAiRequest & { createdAt?: string | Date };
          if (typeof row.id !== "string") continue;
          if (typeof row.createdAt === "string") row.createdAt = new Date(row.createdAt);
          rows.push(row);
        } catch {
          // A line cut off by a crash: the rest of the file still counts.
        }
      }
      return rows;
    },
    clear() {
      try {
        truncateSync(file, 0);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    },
  };
}
