"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Badge } from "../ui/badge";
import { cacheWords, failedLabel, failureWords, usd } from "./route-words";
import type { MessageMeta } from "./types";

const CACHED = new Set(["hit", "coalesced"]);

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[8rem_minmax(0,1fr)] sm:gap-3">
      <dt className="font-medium text-zinc-700 dark:text-zinc-300">{term}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/** What the routing badge unfolds to: why this model, what failed first, the cache, cost and time. */
function RouteDetails({ id, meta }: { id: string; meta: MessageMeta }) {
  const tried = meta.fallbacksTried ?? [];
  const ref = useRef<HTMLDivElement>(null);
  // Unfolding the newest answer's details must not leave them below the fold (or, on small
  // screens, behind the composer: hence the scroll margin).
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" }); // (returns a promise in newer browsers: not a cleanup)
  }, []);
  return (
    <div
      ref={ref}
      id={id}
      role="region"
      aria-label="Routing details"
      className="mt-2 scroll-mb-56 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs md:scroll-mb-2 text-zinc-600 dark:border-zinc-800 dark:bg-zinc-950/60 dark:text-zinc-400"
    >
      <dl className="space-y-1.5">
        <Row term="Why this model">{meta.reason ?? "Not recorded for this answer."}</Row>
        <Row term="Model">
          {meta.model}
          {meta.provider && ` (${meta.provider})`}
          {meta.taskType && `, routed as ${meta.taskType}`}
          {meta.confidence !== undefined && ` (${Math.round(meta.confidence * 100)}% sure)`}
        </Row>
        {meta.retry && (
          <Row term="Retry">
            Asked again with {meta.retry.model === "auto" ? "automatic routing" : meta.retry.model}
          </Row>
        )}
        {(tried.length > 0 || !!meta.fallbacks) && (
          <Row term="Tried first">
            {tried.length ? (
              <ul className="space-y-0.5">
                {tried.map((t, i) => (
                  <li key={i}>
                    <span className="font-medium text-red-700 dark:text-red-300">{t.model}</span>{" "}
                    {failureWords(t.errorClass)}
                  </li>
                ))}
              </ul>
            ) : (
              `${meta.fallbacks} model(s); which ones was not recorded for this answer.`
            )}
          </Row>
        )}
        {meta.cache && <Row term="Cache">{cacheWords(meta.cache)}</Row>}
        {meta.costUsd !== undefined && (
          <Row term="Cost">
            ${meta.costUsd.toFixed(8)}
            {meta.inputTokens !== undefined &&
              ` · ${meta.inputTokens} tokens in, ${meta.outputTokens} out`}
          </Row>
        )}
        {meta.latencyMs !== undefined && (
          <Row term="Time">
            {meta.latencyMs} ms in all
            {meta.ttftMs !== undefined && `, first token after ${meta.ttftMs} ms`}
          </Row>
        )}
      </dl>
    </div>
  );
}

/**
 * The routing badge of an answer (task type, model, cache, cost, latency, what failed first) is
 * a disclosure button: a click, a tap, Enter or Space unfolds the details below it.
 */
export function RouteBadge({ meta }: { meta: MessageMeta }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!meta.model) return null;
  const failed = failedLabel(meta);
  return (
    <div className="mt-2 min-w-0" data-testid="route-badge">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="group -m-1 flex flex-wrap items-center gap-1.5 rounded-lg p-1 text-left outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-zinc-800"
      >
        {meta.taskType && <Badge tone="info">{meta.taskType}</Badge>}
        <Badge>{meta.model}</Badge>
        {meta.cache && CACHED.has(meta.cache) ? <Badge tone="success">cached</Badge> : null}
        {meta.costUsd !== undefined && <Badge>{usd(meta.costUsd)}</Badge>}
        {meta.latencyMs !== undefined && (
          <Badge>
            {meta.latencyMs} ms{meta.ttftMs !== undefined ? ` · first token ${meta.ttftMs} ms` : ""}
          </Badge>
        )}
        {failed && <Badge tone="danger">{failed}</Badge>}
        <span className="sr-only">Routing details</span>
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className={`size-4 text-zinc-400 transition-transform group-hover:text-zinc-600 dark:group-hover:text-zinc-300 ${open ? "rotate-180" : ""}`}
        >
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open && <RouteDetails id={id} meta={meta} />}
    </div>
  );
}
