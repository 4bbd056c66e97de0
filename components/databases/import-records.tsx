"use client";

import { useRef, type ChangeEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import type { ImportReport } from "@/lib/databases";
import { MAX_IMPORT_BYTES } from "@/lib/databases/constants";
import type { ImportResult } from "./grid-state";

/** How an import says which delimiter it found (a comma goes without saying). */
const SEPARATED: Record<string, string> = { ";": "semicolon", "\t": "tab" };

/** Imports a CSV (header row of field names; comma, semicolon or tab) or JSON file: all rows or none; the outcome goes to `onResult`. */
export function ImportRecords({
  url,
  onImported,
  onResult: setResult,
}: {
  url: string;
  onImported: () => void;
  onResult: (r: ImportResult) => void;
}) {
  const input = useRef<HTMLInputElement>(null);

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES)
      return setResult({
        ok: false,
        text: `${file.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
      });
    const format = file.name.toLowerCase().endsWith(".json") ? "json" : "csv";
    try {
      const report = await api<ImportReport>(`${url}/import`, {
        method: "POST",
        json: { format, content: await file.text() },
      });
      setResult({
        ok: true,
        text:
          `${report.imported} record${report.imported === 1 ? "" : "s"} imported from ${file.name}.` +
          (report.delimiter && SEPARATED[report.delimiter]
            ? ` Read as ${SEPARATED[report.delimiter]}-separated values.`
            : ""),
      });
      onImported();
    } catch (err) {
      const report =
        err instanceof ApiError ? (err.details?.report as ImportReport | undefined) : undefined;
      setResult({
        ok: false,
        text: err instanceof ApiError ? err.message : "The import failed.",
        errors: report?.errors,
      });
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,text/plain,application/json"
        className="sr-only"
        aria-label="Import CSV or JSON"
        onChange={pick}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Import…
      </button>
    </>
  );
}

/** What an import did: how many records, or which rows failed and why (nothing was imported then). */
export function ImportResultView({
  result,
  onDismiss,
}: {
  result: ImportResult;
  onDismiss: () => void;
}) {
  return (
    <div data-testid="import-result" className="relative">
      <Alert tone={result.ok ? "success" : "error"}>
        {result.text}
        {result.errors && (
          <ul className="mt-1 list-disc pl-5 text-xs">
            {result.errors.map((e) => (
              <li key={e.row}>
                Row {e.row}: {e.problems.join("; ")}
              </li>
            ))}
          </ul>
        )}
      </Alert>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={onDismiss}
        className="absolute top-2 right-2 rounded px-1.5 text-zinc-500 outline-none hover:text-zinc-800 focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        ✕
      </button>
    </div>
  );
}
