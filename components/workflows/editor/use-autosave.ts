"use client";

import { useEffect, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import type { WorkflowView } from "../types";
import { flowToGraph } from "./convert";
import type { EditorStore } from "./store";

const DEBOUNCE_MS = 800;

/**
 * Saves the draft a moment after the last change (PATCH with the revision it was based on), one
 * save at a time; a change during a save is saved right after. A stale revision (409) stops
 * autosave until the user reloads, so nobody's edit is overwritten silently.
 */
export function createSaver(store: EditorStore, workflowId: string) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let sentOnLeave = -1;
  const pending = () => {
    const s = store.getState();
    return !s.readOnly && (s.save === "dirty" || s.save === "error");
  };

  async function saveNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const s = store.getState();
    if (inFlight || !pending()) return;
    const seq = s.changeSeq;
    inFlight = true;
    s.setSave("saving");
    try {
      const { workflow } = await api<{ workflow: WorkflowView }>(`/api/workflows/${workflowId}`, {
        method: "PATCH",
        json: { revision: s.revision, graph: flowToGraph(s.nodes, s.edges) },
      });
      const changed = store.getState().changeSeq !== seq;
      store.getState().setSave(changed ? "dirty" : "saved", null, workflow.revision);
    } catch (err) {
      const conflict = err instanceof ApiError && err.status === 409;
      const message = err instanceof Error ? err.message : "The draft could not be saved.";
      store.getState().setSave(conflict ? "conflict" : "error", message);
    } finally {
      inFlight = false;
    }
    if (store.getState().save === "dirty") await saveNow();
  }

  return {
    saveNow,
    schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), DEBOUNCE_MS);
    },
    /** Leaving the page: a keepalive request outlives it (best effort; browsers cap its size). */
    leave() {
      const s = store.getState();
      if (!pending() || sentOnLeave === s.changeSeq) return;
      sentOnLeave = s.changeSeq;
      void fetch(`/api/workflows/${workflowId}`, {
        method: "PATCH",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ revision: s.revision, graph: flowToGraph(s.nodes, s.edges) }),
      }).catch(() => {});
    },
    /** Navigating away inside the app: whatever is still waiting for the debounce is saved now. */
    flush() {
      if (timer) void saveNow();
    },
  };
}

export function useAutosave(store: EditorStore, workflowId: string) {
  const [saver] = useState(() => createSaver(store, workflowId));
  useEffect(() => {
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.changeSeq !== prev.changeSeq && !s.readOnly) saver.schedule();
    });
    window.addEventListener("pagehide", saver.leave);
    window.addEventListener("beforeunload", saver.leave);
    return () => {
      unsubscribe();
      window.removeEventListener("pagehide", saver.leave);
      window.removeEventListener("beforeunload", saver.leave);
      saver.flush();
    };
  }, [store, saver]);
  return saver.saveNow;
}
