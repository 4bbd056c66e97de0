"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createEditorStore, type EditorActions, type EditorState, type EditorStore } from "./store";

const EditorContext = createContext<EditorStore | null>(null);

/** Gives its subtree one editor store, made once per mount. */
export function EditorProvider({
  init,
  children,
}: {
  init: Parameters<typeof createEditorStore>[0];
  children: ReactNode;
}) {
  const [store] = useState(() => createEditorStore(init));
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditor must be used inside <EditorProvider>");
  return store;
}

/** Reads the editor store; pass a `useShallow` selector when it returns a new object or array. */
export function useEditor<T>(selector: (s: EditorState & EditorActions) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
