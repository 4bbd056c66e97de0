import { connection } from "next/server";
import { Badge } from "@/components/ui/badge";
import { checkHealth } from "@/lib/monitoring/health";
import { getServices } from "@/lib/services";

const DRIVER_LABEL: Record<string, string> = {
  pglite: "Embedded PostgreSQL (PGlite)",
  postgres: "PostgreSQL server",
};

/** Server component: probes the database at request time (same check as /api/monitoring/health). */
export async function SystemStatus() {
  await connection();
  const report = await checkHealth(getServices());
  const db = report.checks.database;
  const ok = db.status === "ok";
  return (
    <dl className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="system-status">
      <div className="flex items-center justify-between gap-4 py-3">
        <dt className="text-sm text-zinc-600 dark:text-zinc-400">Database</dt>
        <dd>
          <Badge tone={ok ? "success" : "danger"}>
            <span
              aria-hidden="true"
              className={`size-1.5 rounded-full ${ok ? "bg-emerald-500" : "bg-red-500"}`}
            />
            {ok ? "Healthy" : `Unavailable (${db.error})`}
          </Badge>
        </dd>
      </div>
      <div className="flex items-center justify-between gap-4 py-3">
        <dt className="text-sm text-zinc-600 dark:text-zinc-400">Engine</dt>
        <dd className="text-sm font-medium">
          {db.driver ? (DRIVER_LABEL[db.driver] ?? db.driver) : "—"}
        </dd>
      </div>
      <div className="flex items-center justify-between gap-4 py-3">
        <dt className="text-sm text-zinc-600 dark:text-zinc-400">Round trip</dt>
        <dd className="font-mono text-sm">
          {db.latencyMs !== undefined ? `${db.latencyMs} ms` : "—"}
        </dd>
      </div>
    </dl>
  );
}

export function SystemStatusSkeleton() {
  return (
    <div className="space-y-4 py-3" aria-busy="true" aria-label="Checking system status">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex justify-between">
          <div className="h-4 w-24 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-32 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
}
