/**
 * A test hook: when an e2e test defines `window.__editorRenders` (an object), every render of a
 * canvas node increments its count there, so a test can check that dragging one node re-renders
 * only that node. Nothing is recorded unless a test asks.
 */
export function countRender(nodeId: string) {
  if (typeof window === "undefined") return;
  const probe = (window as unknown as { __editorRenders?: Record<string, number> }).__editorRenders;
  if (probe) probe[nodeId] = (probe[nodeId] ?? 0) + 1;
}
