import { RECENT_RUNS } from "@/lib/workflows/constants";
import type { WorkflowListItem } from "@/lib/workflows/views";

/*
 * What a row of the workflows list says about a workflow, pure so it can be tested.
 * - Publication: "published vN" once a version exists, else "draft only" (only test runs).
 * - Failures: "last run failed" when the newest run failed; else "N failed of last 10" when any
 *   of the last RECENT_RUNS runs failed; else nothing.
 */

export type Tone = "neutral" | "success" | "danger" | "info";

export interface RowStatus {
  publication: { label: string; tone: Tone };
  failures: { label: string; tone: Tone } | null;
}

export function rowStatus(
  w: Pick<WorkflowListItem, "publishedVersion" | "lastRun" | "recentFailures">,
): RowStatus {
  const publication =
    w.publishedVersion === null
      ? { label: "draft only", tone: "neutral" as const }
      : { label: `published v${w.publishedVersion}`, tone: "success" as const };
  const failures =
    w.lastRun?.status === "failed"
      ? { label: "last run failed", tone: "danger" as const }
      : w.recentFailures > 0
        ? { label: `${w.recentFailures} failed of last ${RECENT_RUNS}`, tone: "danger" as const }
        : null;
  return { publication, failures };
}

const RUN_LABELS: Record<string, { label: string; tone: Tone }> = {
  queued: { label: "queued", tone: "neutral" },
  running: { label: "running", tone: "info" },
  waiting_approval: { label: "waiting for approval", tone: "info" },
  succeeded: { label: "succeeded", tone: "success" },
  failed: { label: "failed", tone: "danger" },
  cancelled: { label: "cancelled", tone: "neutral" },
};

/** A run status in words with its badge tone. */
export const runStatusLabel = (status: string) =>
  RUN_LABELS[status] ?? { label: status, tone: "neutral" as const };
