"use client";

import { useEffect, useState } from "react";
import { useEditor } from "./editor-context";

/** The reason the last connection was refused, shown for a few seconds over the canvas. */
export function ConnectionNotice() {
  const notice = useEditor((s) => s.notice);
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setHidden(notice.seq), 5000);
    return () => clearTimeout(t);
  }, [notice]);
  const show = notice && hidden !== notice.seq;
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none absolute inset-x-0 bottom-4 z-10 flex justify-center px-4"
    >
      {show && (
        <p
          data-testid="connection-notice"
          className="pointer-events-auto max-w-md rounded-lg bg-zinc-900 px-3 py-2 text-sm text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900"
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}
