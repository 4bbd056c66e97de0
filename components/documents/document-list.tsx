"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { DocumentSummary, DocumentView } from "@/lib/documents/schemas";

/** A project's documents with full-text search; editors can start a new one. */
export function DocumentList({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const router = useRouter();
  const [q, setQ] = useState("");
  const { data, error } = useApi<{ documents: DocumentSummary[]; total: number }>(
    `/api/projects/${projectId}/documents?${new URLSearchParams({ q })}`,
    "Could not load the documents.",
  );
  const [createError, setCreateError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    try {
      const { document } = await api<{ document: DocumentView }>(
        `/api/projects/${projectId}/documents`,
        { method: "POST", json: { title: "Untitled" } },
      );
      router.push(`/projects/${projectId}/documents/${document.id}`);
    } catch (err) {
      setCreateError(err instanceof ApiError ? err.message : "Creating the document failed.");
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="block w-full max-w-xs text-sm">
          <span className="sr-only">Search documents</span>
          <Input
            type="search"
            variant="lg"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Search documents"
            className="block w-full"
          />
        </label>
        {canEdit && (
          <Button onClick={create} busy={busy}>
            New document
          </Button>
        )}
      </div>
      {(error || createError) && <Alert>{error ?? createError}</Alert>}
      {!data && !error && (
        <p className="text-sm text-zinc-500" aria-busy="true">
          Loading documents…
        </p>
      )}
      {data?.documents.length === 0 && (
        <p className="text-sm text-zinc-500">
          {q
            ? `No document matches “${q}”.`
            : canEdit
              ? "No documents yet: start one."
              : "No documents yet."}
        </p>
      )}
      {data && data.documents.length > 0 && (
        <ul aria-label="Documents" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {data.documents.map((d) => (
            <li key={d.id}>
              <Link
                href={`/projects/${projectId}/documents/${d.id}`}
                className="block rounded-lg px-2 py-2 outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-zinc-800"
              >
                <span className="block text-sm font-medium">{d.title}</span>
                <span className="block truncate text-xs text-zinc-500">
                  {d.excerpt || "Empty"} · {new Date(d.updatedAt).toLocaleString()}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
