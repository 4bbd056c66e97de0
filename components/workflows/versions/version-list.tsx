import { timeAgo } from "@/components/lib/time-ago";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

/** A published version as GET /api/workflows/:id/versions lists it. */
export interface VersionSummary {
  number: number;
  message: string;
  graphHash: string;
  authorId: string | null;
  author: { email: string; name: string } | null;
  createdAt: string;
}

const authorName = (a: VersionSummary["author"]) => (a ? a.name || a.email : "a deleted user");

/** The published versions, newest first, each with Compare (with the draft) and Restore. */
export function VersionList({
  versions,
  published,
  canEdit,
  now,
  comparing,
  onCompare,
  onRestore,
}: {
  versions: VersionSummary[];
  published: number | null;
  canEdit: boolean;
  now: number;
  /** The version now compared with the draft, if any (its row is marked). */
  comparing?: number;
  onCompare: (number: number) => void;
  onRestore: (number: number) => void;
}) {
  return (
    <ol aria-label="Published versions" className="space-y-2">
      {versions.map((v) => (
        <li
          key={v.number}
          data-testid={`version-${v.number}`}
          className={`rounded-lg border px-3 py-2.5 ${
            comparing === v.number
              ? "border-indigo-300 bg-indigo-50/50 dark:border-indigo-500/40 dark:bg-indigo-500/10"
              : "border-zinc-200 dark:border-zinc-800"
          }`}
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-semibold">Version {v.number}</span>
            {v.number === published && <Badge tone="success">Live</Badge>}
            <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
              <time dateTime={v.createdAt} title={new Date(v.createdAt).toUTCString()}>
                {timeAgo(v.createdAt, now)}
              </time>
            </span>
          </div>
          <p
            className={`mt-1 text-sm break-words ${
              v.message
                ? "text-zinc-800 dark:text-zinc-200"
                : "text-zinc-500 italic dark:text-zinc-400"
            }`}
          >
            {v.message || "No message"}
          </p>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            by {authorName(v.author)}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="secondary"
              aria-label={`Compare version ${v.number} with the draft`}
              aria-pressed={comparing === v.number}
              onClick={() => onCompare(v.number)}
            >
              Compare with draft
            </Button>
            {canEdit && (
              <Button
                size="sm"
                variant="secondary"
                aria-label={`Restore version ${v.number} into the draft`}
                onClick={() => onRestore(v.number)}
              >
                Restore
              </Button>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
