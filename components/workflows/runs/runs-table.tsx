import Link from "next/link";
import { timeAgo } from "@/components/lib/time-ago";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { RunView } from "../types";
import {
  formatCost,
  formatDuration,
  formatTime,
  formatTokens,
  RUN_STATUS_LABELS,
  runDurationMs,
  runTone,
  TRIGGER_LABELS,
  versionLabel,
} from "./run-format";

const HEADERS = ["Status", "Started", "Duration", "Trigger", "Version", "Tokens", "Cost"];

/** A workflow's runs (server-rendered); each row opens the run's page. */
export function RunsTable({
  workflowId,
  runs,
  now,
}: {
  workflowId: string;
  runs: RunView[];
  now: number;
}) {
  return (
    <DataTable headers={HEADERS} testId="runs-table" scrollLabel="Runs">
      {runs.map((r) => {
        const started = r.startedAt ?? r.createdAt;
        return (
          // The Started link stretches over the row (after:inset-0), so the whole row opens the run.
          <tr
            key={r.id}
            className="relative hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
            data-testid="run-row"
            data-run-id={r.id}
          >
            <td className="whitespace-nowrap py-2 pr-4">
              <Badge tone={runTone(r.status)}>{RUN_STATUS_LABELS[r.status]}</Badge>
            </td>
            <td className="whitespace-nowrap py-2 pr-4">
              <Link
                href={`/workflows/${workflowId}/runs/${r.id}`}
                className="rounded font-medium text-indigo-600 outline-none after:absolute after:inset-0 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400"
              >
                <time dateTime={started} title={formatTime(started)}>
                  {timeAgo(started, now)}
                </time>
                <span className="sr-only"> — open run {r.id.slice(0, 8)}</span>
              </Link>
            </td>
            <td className="whitespace-nowrap py-2 pr-4 tabular-nums">
              {formatDuration(runDurationMs(r, now))}
            </td>
            <td className="whitespace-nowrap py-2 pr-4">{TRIGGER_LABELS[r.trigger]}</td>
            <td className="whitespace-nowrap py-2 pr-4">{versionLabel(r.version)}</td>
            <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{formatTokens(r.tokens)}</td>
            <td className="whitespace-nowrap py-2 tabular-nums">{formatCost(r.costUsd)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
