"use client";

import { useEffect } from "react";
import type { EditorStore } from "./store";

/** Typing in a field keeps its own keys (Backspace, Ctrl+Z, Ctrl+A act on the text). */
function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/**
 * Editor keys: undo (Ctrl/Cmd+Z), redo (Shift+Ctrl/Cmd+Z, Ctrl+Y), copy/paste (Ctrl/Cmd+C/V),
 * duplicate (Ctrl/Cmd+D), select all (Ctrl/Cmd+A), delete the selection (Backspace/Delete).
 */
export function useShortcuts(store: EditorStore) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey) return;
      // A dialog (run, publish, confirm: native <dialog>s) or a panel over the canvas (history,
      // the run) has focus: its keys are its own — Backspace on its button deletes no node.
      if ((e.target as HTMLElement | null)?.closest?.("dialog, [role=dialog], [data-own-keys]"))
        return;
      const s = store.getState();
      // One delete (nodes and their edges together) is one undo step, so the store handles it
      // rather than React Flow, which removes edges and nodes as two changes.
      if ((e.key === "Backspace" || e.key === "Delete") && !e.ctrlKey && !e.metaKey) {
        if (s.readOnly) return;
        e.preventDefault();
        return s.deleteSelected();
      }
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      const act: Record<string, (() => void) | undefined> = {
        z: e.shiftKey ? s.redo : s.undo,
        y: s.redo,
        c: s.copy,
        v: s.readOnly ? undefined : s.paste,
        d: s.readOnly ? undefined : s.duplicate,
        a: s.selectAll,
      };
      const run = act[key];
      if (!run) return;
      // Copy with a text selection on the page copies the text, not nodes.
      if (key === "c" && window.getSelection()?.toString()) return;
      e.preventDefault();
      run();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [store]);
}
