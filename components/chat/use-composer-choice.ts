"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { TASK_TYPES } from "@/lib/ai/constants";
import type { ModelView } from "./types";

export interface ComposerChoice {
  model: string;
  taskType: string;
}

const KEY = "aios.chat.choice";
const CHANGED = "aios:chat-choice"; // `storage` fires only in the other tabs
const AUTO: ComposerChoice = { model: "auto", taskType: "auto" };
/** Where the choice lives when the browser refuses storage (private modes, quota). */
let memory: string | null = null;

function read(): string | null {
  try {
    return localStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * The stored choice, checked against what exists now: a task type the app no longer has, or a
 * model that is no longer available (once the list has loaded), falls back to Auto.
 */
export function parseChoice(raw: string | null, models: ModelView[] | null): ComposerChoice {
  let stored: Partial<ComposerChoice> = {};
  try {
    stored = raw ? (JSON.parse(raw) as Partial<ComposerChoice>) : {};
  } catch {
    /* a hand-edited value: Auto */
  }
  const taskType = (TASK_TYPES as readonly string[]).includes(String(stored.taskType))
    ? stored.taskType!
    : "auto";
  const model =
    typeof stored.model === "string" && (!models || models.some((m) => m.id === stored.model))
      ? stored.model
      : "auto";
  return { ...AUTO, model, taskType };
}

/** The composer's model and task type pickers, kept in this browser across reloads and tabs. */
export function useComposerChoice(models: ModelView[] | null) {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  const choice = useMemo(() => parseChoice(raw, models), [raw, models]);
  const setChoice = useCallback((c: ComposerChoice) => {
    memory = JSON.stringify(c);
    try {
      localStorage.setItem(KEY, memory);
    } catch {
      /* kept in memory for this page */
    }
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [choice, setChoice] as const;
}
