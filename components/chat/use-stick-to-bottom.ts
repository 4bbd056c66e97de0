"use client";

import { useCallback, useEffect, useLayoutEffect, useRef } from "react";

const NEAR = 96; // px from the end that still count as "reading the newest"

function atEnd(el: HTMLElement | null): boolean {
  const doc = document.scrollingElement;
  const inThread = !el || el.scrollHeight - el.scrollTop - el.clientHeight < NEAR;
  const inPage = !doc || doc.scrollHeight - doc.scrollTop - window.innerHeight < NEAR;
  return inThread && inPage;
}

function toEnd(el: HTMLElement | null) {
  if (el) el.scrollTop = el.scrollHeight;
  const doc = document.scrollingElement;
  if (doc) doc.scrollTop = doc.scrollHeight;
}

/**
 * Keeps the newest message in view: the thread scrolls itself on wide screens and the page
 * scrolls on small ones, so both are moved to their end. It follows a streaming answer only
 * while the reader is at the end (scrolling up to read stops it), and always when `jumpKey`
 * changes (a conversation was opened and has loaded). Content that grows after it rendered (the
 * "retry with a stronger model" offer once the models have loaded, a wrapped line, a late font)
 * is followed too while the reader is at the end, so the newest answer never stops just short.
 */
export function useStickToBottom<T extends HTMLElement>(
  content: readonly unknown[],
  jumpKey: unknown,
) {
  const ref = useRef<T>(null);
  const stick = useRef(true);
  const onScroll = useCallback(() => {
    stick.current = atEnd(ref.current);
  }, []);
  useEffect(() => {
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, [onScroll]);
  const empty = content.length === 0; // an empty thread leaves the page where it is (top)
  useLayoutEffect(() => {
    if (empty) return;
    toEnd(ref.current);
    stick.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a newly opened thread jumps
  }, [jumpKey]);
  useLayoutEffect(() => {
    if (!empty && stick.current) toEnd(ref.current);
  }, [content, empty]);
  useEffect(() => {
    const el = ref.current;
    if (empty || !el || typeof ResizeObserver === "undefined") return;
    // The scroller itself grows on small screens (the page scrolls); its content grows on wide ones.
    const grown = new ResizeObserver(() => {
      if (stick.current) toEnd(el);
    });
    grown.observe(el);
    for (const child of el.children) grown.observe(child);
    return () => grown.disconnect();
  }, [content, empty]);
  return { ref, onScroll };
}
