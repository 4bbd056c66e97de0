"use client";

import { useMemo, useState } from "react";
import { prettyJson } from "./run-format";

const LIMIT = 4000;

/**
 * A step's input or output as indented JSON in a collapsible block. Large values are cut at a few
 * thousand characters until "Show all" (a long LLM answer or HTTP body would bury the list).
 */
export function JsonView({
  title,
  value,
  defaultOpen = true,
}: {
  title: string;
  value: unknown;
  defaultOpen?: boolean;
}) {
  const [all, setAll] = useState(false);
  const { text, cut } = useMemo(() => prettyJson(value, all ? Infinity : LIMIT), [value, all]);
  return (
    <details open={defaultOpen} className="group min-w-0">
      <summary className="cursor-pointer select-none rounded text-xs font-medium text-zinc-600 outline-none hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100">
        {title}
      </summary>
      <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
        {text}
      </pre>
      {cut && (
        <button
          type="button"
          onClick={() => setAll(true)}
          className="mt-1 rounded text-xs font-medium text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400"
        >
          Show all
        </button>
      )}
    </details>
  );
}
