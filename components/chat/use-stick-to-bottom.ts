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
 * changes (a conversation was opened and has loaded).
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
  return { ref, onScroll };
}
