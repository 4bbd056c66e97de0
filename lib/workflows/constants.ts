// Plain values the client may import too (zod-free; see the layer rule in eslint.config.mjs).

/** How many of a workflow's latest runs the list looks at for failures. */
export const RECENT_RUNS = 10;
