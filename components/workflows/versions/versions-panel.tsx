"use client";

import { useId, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CompareDiff, ComparePickers } from "./version-compare";
import { VersionList, type VersionSummary } from "./version-list";

export interface VersionsPanelProps {
  workflowId: string;
  canEdit: boolean;
  /** A version was restored into the draft: the editor reloads the draft. */
  onRestored: () => void;
  onClose: () => void;
}

type Restore =
  | { step: "idle" }
  | { step: "confirm" | "busy"; number: number }
  | { step: "done"; number: number }
  | { step: "failed"; number: number; error: string };

/**
 * The version history beside the editor: published versions newest first, a diff of any two
 * (or of one with the draft, version 0), and Restore (editors) which copies a version into the
 * draft after a confirmation; publishing afterwards makes it live. Escape closes the panel.
 */
export function VersionsPanel({ workflowId, canEdit, onRestored, onClose }: VersionsPanelProps) {
  const headingId = useId();
  const list = useApi<{ versions: VersionSummary[]; published: number | null }>(
    `/api/workflows/${workflowId}/versions`,
    "Could not load the versions.",
  );
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const [restore, setRestore] = useState<Restore>({ step: "idle" });
  // A restore changes the draft: the diff against it is fetched again.
  const [draftEpoch, setDraftEpoch] = useState(0);
  // "5 minutes ago" is as of opening the panel (it is reopened often; no ticking needed).
  const [now] = useState(() => Date.now());
  const versions = list.data?.versions ?? [];
  const compare = pair ?? (versions[0] ? { from: versions[0].number, to: 0 } : null);

  async function doRestore(number: number) {
    setRestore({ step: "busy", number });
    try {
      await api(`/api/workflows/${workflowId}/versions/${number}/restore`, { method: "POST" });
      setRestore({ step: "done", number });
      setDraftEpoch((n) => n + 1);
      onRestored();
    } catch (err) {
      const error = err instanceof ApiError ? err.message : "Could not restore the version.";
      setRestore({ step: "failed", number, error });
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      onKeyDown={(e) =>
        e.key === "Escape" && restore.step !== "confirm" && restore.step !== "busy" && onClose()
      }
      className="flex h-full min-h-0 flex-col bg-white text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <header className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id={headingId} className="text-base font-semibold">
          Version history
        </h2>
        <Button size="sm" variant="secondary" onClick={onClose}>
          Close
        </Button>
      </header>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4">
        {list.error && (
          <Alert>
            {list.error}{" "}
            <button type="button" onClick={list.reload} className="font-medium underline">
              Try again
            </button>
          </Alert>
        )}
        {!list.data && !list.error && (
          <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
            Loading versions…
          </p>
        )}
        {list.data && versions.length === 0 && (
          <div className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center dark:border-zinc-700">
            <p className="font-medium">Not published yet</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Publishing the draft makes version 1: runs start from it, and it shows up here.
            </p>
          </div>
        )}
        {restore.step === "done" && (
          <Alert tone="success">
            Version {restore.number} is now the draft. Publish it to make it live.
          </Alert>
        )}
        {restore.step === "failed" && (
          <Alert>
            Restoring version {restore.number} failed: {restore.error}
          </Alert>
        )}
        {compare && (
          <div className="space-y-3">
            <ComparePickers versions={versions} value={compare} onChange={setPair} />
            <CompareDiff
              key={`${compare.from}-${compare.to}-${draftEpoch}`}
              workflowId={workflowId}
              from={compare.from}
              to={compare.to}
            />
          </div>
        )}
        {versions.length > 0 && (
          <VersionList
            versions={versions}
            published={list.data?.published ?? null}
            canEdit={canEdit}
            now={now}
            comparing={compare?.to === 0 ? compare.from : undefined}
            onCompare={(n) => setPair({ from: n, to: 0 })}
            onRestore={(n) => setRestore({ step: "confirm", number: n })}
          />
        )}
      </div>
      <ConfirmDialog
        open={restore.step === "confirm" || restore.step === "busy"}
        title={`Restore version ${"number" in restore ? restore.number : ""} into the draft?`}
        confirmLabel="Restore"
        tone="primary"
        busy={restore.step === "busy"}
        onCancel={() => setRestore({ step: "idle" })}
        onConfirm={() => "number" in restore && void doRestore(restore.number)}
      >
        The draft is replaced by this version&apos;s graph (the current draft stays in the history
        only if it was published). Runs keep using the live version until you publish.
      </ConfirmDialog>
    </section>
  );
}
