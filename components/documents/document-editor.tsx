"use client";

import type { JSONContent } from "@tiptap/react";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field";
import type { DocumentView, TiptapDoc } from "@/lib/documents/schemas";

// Tiptap is heavy (≈ 120 KB gzip): only document pages load it.
const RichText = dynamic(() => import("./rich-text"), {
  ssr: false,
  loading: () => (
    <div
      className="h-64 animate-pulse rounded-2xl bg-zinc-100 dark:bg-zinc-800"
      aria-label="Loading the editor"
    />
  ),
});

type SaveState = "saved" | "dirty" | "saving" | "conflict" | "error";
const AUTOSAVE_MS = 800;

/** Loads a document and autosaves edits (title and body) with its version; a stale save shows a reload offer. */
export function DocumentEditor({
  projectId,
  id,
  canEdit,
  readOnlyLabel = "Read only (viewer)",
}: {
  projectId: string;
  id: string;
  canEdit: boolean;
  /** Why the document cannot be edited, when it cannot. */
  readOnlyLabel?: string;
}) {
  const url = `/api/projects/${projectId}/documents/${id}`;
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>("saved");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [shownVersion, setShownVersion] = useState(0);
  const [titleError, setTitleError] = useState<string | null>(null);
  const pending = useRef<{ title?: string; content?: TiptapDoc }>({});
  const version = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const apply = useCallback((document: DocumentView) => {
    version.current = document.version;
    pending.current = {};
    setShownVersion(document.version);
    setDoc(document);
    setState("saved");
    setResetKey((k) => k + 1);
  }, []);
  const fail = (err: unknown) =>
    setLoadError(err instanceof ApiError ? err.message : "Could not load the document.");
  const load = () =>
    api<{ document: DocumentView }>(url).then(({ document }) => apply(document), fail);

  useEffect(() => {
    let live = true;
    api<{ document: DocumentView }>(url).then(
      ({ document }) => live && apply(document),
      (err: unknown) => live && fail(err),
    );
    return () => {
      live = false;
    };
  }, [url, apply]);

  const save = useCallback(async () => {
    const edits = pending.current;
    if (!edits.title && !edits.content) return;
    pending.current = {};
    setState("saving");
    try {
      const { document } = await api<{ document: DocumentView }>(url, {
        method: "PATCH",
        json: { version: version.current, ...edits },
      });
      version.current = document.version;
      setShownVersion(document.version);
      setState(pending.current.title || pending.current.content ? "dirty" : "saved");
      setSaveError(null);
    } catch (err) {
      pending.current = { ...edits, ...pending.current };
      if (err instanceof ApiError && err.status === 409) setState("conflict");
      else {
        setState("error");
        setSaveError(
          err instanceof ApiError
            ? err.message
            : "Saving failed; your edits are kept and saving will be retried.",
        );
      }
    }
  }, [url]);

  const edit = (patch: { title?: string; content?: TiptapDoc }) => {
    pending.current = { ...pending.current, ...patch };
    if (state === "conflict") return; // wait for the user's decision
    setState("dirty");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  // Save what is left when leaving the page.
  useEffect(() => () => void save(), [save]);

  if (loadError) return <Alert>{loadError}</Alert>;
  if (!doc)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading the document…
      </p>
    );
  const label = {
    saved: `Saved · version ${shownVersion}`,
    dirty: "Unsaved changes",
    saving: "Saving…",
    conflict: "Not saved: changed elsewhere",
    error: "Not saved",
  }[state];
  return (
    <div className="space-y-4">
      {/* The page's heading for screen readers; sighted users see the title in its input. */}
      <h1 className="sr-only">{doc.title}</h1>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="document-title" className="sr-only">
            Title
          </label>
          <input
            id="document-title"
            defaultValue={doc.title}
            key={`title-${resetKey}`}
            readOnly={!canEdit}
            maxLength={200}
            aria-invalid={titleError ? true : undefined}
            aria-describedby={titleError ? "document-title-error" : undefined}
            onChange={(e) => {
              // An empty title is never saved: the last one stays until a new one is typed.
              const empty = !e.target.value.trim();
              setTitleError(empty ? "Title is required; the last title is kept." : null);
              if (!empty) edit({ title: e.target.value });
            }}
            className="w-full rounded-md bg-transparent text-2xl font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-invalid:ring-2 aria-invalid:ring-red-500 md:text-3xl"
          />
          <FieldMessage id="document-title" error={titleError} />
        </div>
        {canEdit ? (
          <span
            role="status"
            data-testid="save-state"
            className={`text-xs ${state === "conflict" || state === "error" ? "text-red-600 dark:text-red-400" : "text-zinc-500"}`}
          >
            {label}
          </span>
        ) : (
          <span className="text-xs text-zinc-500">{readOnlyLabel}</span>
        )}
      </div>
      {state === "conflict" && (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200"
        >
          Someone else saved this document since you opened it. Reload to see their version (your
          unsaved edits here will be lost).
          <Button variant="secondary" onClick={() => void load()}>
            Reload
          </Button>
        </div>
      )}
      {saveError && state === "error" && <Alert>{saveError}</Alert>}
      <RichText
        content={doc.content as JSONContent}
        editable={canEdit}
        resetKey={resetKey}
        onChange={(content) => edit({ content: content as TiptapDoc })}
      />
    </div>
  );
}
