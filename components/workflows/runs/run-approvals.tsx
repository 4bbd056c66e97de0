"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/input";
import type { ApprovalView, ProjectRole } from "../types";
import { formatTime } from "./run-format";

export interface RunApprovalsProps {
  /** The approvals to decide (pending ones; others are left out). */
  approvals: ApprovalView[];
  /** Node id → label, to say which step asks. */
  labels?: Record<string, string>;
  /** A decision was recorded (the caller reloads what it shows). */
  onDecided?: (approval: ApprovalView) => void;
  /** The caller's project role: an approval needing more shows who may decide, no buttons. */
  role?: ProjectRole;
}

const RANK: Record<ProjectRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** Pending approvals, each with a comment and Approve / Reject (POST /api/approvals/:id). */
export function RunApprovals({ approvals, labels = {}, onDecided, role }: RunApprovalsProps) {
  const pending = approvals.filter((a) => a.status === "pending");
  if (!pending.length) return null;
  return (
    <ul className="space-y-3" aria-label="Pending approvals">
      {pending.map((a) => (
        <ApprovalItem
          key={a.id}
          approval={a}
          label={labels[a.nodeId]}
          onDecided={onDecided}
          mayDecide={!role || RANK[role] >= RANK[a.role]}
        />
      ))}
    </ul>
  );
}

function ApprovalItem({
  approval,
  label,
  onDecided,
  mayDecide,
}: {
  approval: ApprovalView;
  label?: string;
  onDecided?: (approval: ApprovalView) => void;
  mayDecide: boolean;
}) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState<"approve" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = `approval-${approval.id}`;

  async function decide(decision: "approve" | "reject") {
    setBusy(decision);
    setError(null);
    try {
      const res = await api<{ approval: ApprovalView }>(`/api/approvals/${approval.id}`, {
        method: "POST",
        json: { decision, comment },
      });
      onDecided?.(res.approval);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not record the decision; try again.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <li
      aria-labelledby={`${id}-title`}
      className="rounded-xl border border-amber-200 bg-amber-50 p-3 dark:border-amber-500/30 dark:bg-amber-500/10"
    >
      <p id={`${id}-title`} className="text-sm font-medium text-amber-900 dark:text-amber-200">
        Approval needed{label ? `: ${label}` : ""}
      </p>
      {approval.prompt && (
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-zinc-800 dark:text-zinc-200">
          {approval.prompt}
        </p>
      )}
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Needs the {approval.role} role
        {approval.expiresAt ? ` · expires ${formatTime(approval.expiresAt)}` : ""}
      </p>
      {mayDecide ? (
        <>
          <label htmlFor={`${id}-comment`} className="mt-3 block text-xs font-medium">
            Comment <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
          </label>
          <textarea
            id={`${id}-comment`}
            rows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            className={controlClass("md", "mt-1 block w-full")}
          />
          {error && (
            <div className="mt-2">
              <Alert>{error}</Alert>
            </div>
          )}
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              size="sm"
              busy={busy === "approve"}
              disabled={!!busy}
              onClick={() => decide("approve")}
            >
              Approve
            </Button>
            <Button
              size="sm"
              variant="danger-quiet"
              busy={busy === "reject"}
              disabled={!!busy}
              onClick={() => decide("reject")}
            >
              Reject
            </Button>
          </div>
        </>
      ) : (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Someone with the {approval.role} role decides this one.
        </p>
      )}
    </li>
  );
}
