"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import type { ImportReport } from "@/lib/databases";
import { MAX_IMPORT_BYTES } from "@/lib/databases/schemas";

/** Imports a CSV (header row of field names) or JSON file: all rows or none, with the rows that failed and why. */
export function ImportRecords({ url, onImported }: { url: string; onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string; errors?: ImportReport["errors"] } | null>(null);

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setResult({ ok: false, text: `${file.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` });
    const format = file.name.toLowerCase().endsWith(".json") ? "json" : "csv";
    try {
      const report = await api<ImportReport>(`${url}/import`, { method: "POST", json: { format, content: await file.text() } });
      setResult({ ok: true, text: `${report.imported} record${report.imported === 1 ? "" : "s"} imported from ${file.name}.` });
      onImported();
    } catch (err) {
      const report = err instanceof ApiError ? (err.details?.report as ImportReport | undefined) : undefined;
      setResult({ ok: false, text: err instanceof ApiError ? err.message : "The import failed.", errors: report?.errors });
    }
  }

  return (
    <>
      <input ref={input} type="file" accept=".csv,.json,text/csv,application/json" className="sr-only" aria-label="Import CSV or JSON" onChange={pick} />
      <button type="button" onClick={() => input.current?.click()} className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Import…
      </button>
      {result && (
        <div className="basis-full" data-testid="import-result">
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
        </div>
      )}
    </>
  );
}
