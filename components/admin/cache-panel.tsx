"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { CacheReport } from "@/lib/cache/schemas";

const kb = (b: number) =>
  b < 1024
    ? `${b} B`
    : b < 1024 * 1024
      ? `${(b / 1024).toFixed(1)} KB`
      : `${(b / 1024 / 1024).toFixed(1)} MB`;
const pct = (r: number) => `${Math.round(r * 100)}%`;

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

/** Response cache: size, hit rate and $ saved per task type; remove expired entries or clear. */
export function CachePanel() {
  const {
    data,
    error: loadError,
    reload,
  } = useApi<CacheReport>("/api/cache/stats", "Could not load the cache statistics.");
  const [note, setNote] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function act(label: string, path: string, method: string, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(label);
    try {
      const { removed } = await api<{ removed: number }>(path, { method });
      setNote({ tone: "success", text: `${removed} entr${removed === 1 ? "y" : "ies"} removed.` });
    } catch (err) {
      setNote({
        tone: "error",
        text: err instanceof ApiError ? err.message : "The action failed.",
      });
    } finally {
      setBusy(null);
      reload();
    }
  }

  if (loadError) return <Alert>{loadError}</Alert>;
  if (!data)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading cache statistics…
      </p>
    );
  const types = Object.entries(data.byTaskType);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {data.status !== "ok" ? (
          <Badge tone="danger">degraded: serving uncached</Badge>
        ) : data.writesFailing ? (
          <Badge tone="info">writes failing: serving hits, not storing</Badge>
        ) : (
          <Badge tone="success">healthy</Badge>
        )}
        <span className="truncate text-xs text-zinc-500" title={data.file}>
          {data.file}
        </span>
        {data.quarantined > 0 && (
          <span className="text-xs text-zinc-500" title={data.lastQuarantined}>
            {data.quarantined} corrupt file{data.quarantined === 1 ? "" : "s"} moved aside and
            replaced since start
          </span>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Entries" value={String(data.entries)} />
        <Stat label="Size" value={kb(data.bytes)} />
        <Stat
          label="Hit rate"
          value={`${pct(data.hitRate)} (${data.hits}/${data.hits + data.misses})`}
        />
        <Stat label="Saved" value={`$${data.savedUsd.toFixed(4)}`} />
      </dl>
      {types.length === 0 ? (
        <p className="text-sm text-zinc-500">
          Nothing cached yet. Deterministic questions (code, extraction, summaries…) are cached per
          user after their first answer.
        </p>
      ) : (
        <DataTable
          headers={[
            "Task type",
            "Entries",
            "Size",
            "Hits",
            "Misses",
            "Hit rate",
            "Saved",
            { label: "Actions", hidden: true },
          ]}
          testId="cache-by-task"
        >
          {types.map(([task, t]) => (
            <tr key={task}>
              <td className="py-2 pr-4 font-medium">{task}</td>
              <td className="py-2 pr-4 tabular-nums">{t.entries}</td>
              <td className="py-2 pr-4 tabular-nums">{kb(t.bytes)}</td>
              <td className="py-2 pr-4 tabular-nums">{t.hits}</td>
              <td className="py-2 pr-4 tabular-nums">{t.misses}</td>
              <td className="py-2 pr-4 tabular-nums">{pct(t.hitRate)}</td>
              <td className="py-2 pr-4 tabular-nums">${t.savedUsd.toFixed(4)}</td>
              <td className="py-2 text-right">
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  disabled={!t.entries || busy !== null}
                  onClick={() =>
                    act(task, `/api/cache?taskType=${task}`, "DELETE", `Clear the ${task} cache?`)
                  }
                >
                  Clear
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {note && <Alert tone={note.tone}>{note.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          busy={busy === "cleanup"}
          disabled={busy !== null}
          onClick={() => act("cleanup", "/api/cache/cleanup", "POST")}
        >
          Remove expired entries
        </Button>
        <Button
          variant="danger"
          busy={busy === "all"}
          disabled={busy !== null || !data.entries}
          onClick={() =>
            act(
              "all",
              "/api/cache",
              "DELETE",
              "Clear the whole response cache? Every next question calls a provider again.",
            )
          }
        >
          Clear cache
        </Button>
      </div>
    </div>
  );
}
