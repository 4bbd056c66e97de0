import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { getPageCtx } from "@/lib/auth/page-session";
import { getSystemStatus } from "@/lib/monitoring/status";
import type { ProviderState, SystemStatusOutput } from "@/lib/monitoring/schemas";

const ENGINE = { pglite: "Embedded PostgreSQL (PGlite)", postgres: "PostgreSQL server" };

function Dot({ tone }: { tone: "ok" | "bad" | "idle" }) {
  const colour = { ok: "bg-emerald-500", bad: "bg-red-500", idle: "bg-zinc-400" }[tone];
  return <span aria-hidden="true" className={`size-1.5 rounded-full ${colour}`} />;
}

function Row({
  label,
  detail,
  badge,
  testId,
  children,
}: {
  label: string;
  detail?: string;
  badge: ReactNode;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <div className="py-3" data-testid={testId}>
      <div className="flex items-start justify-between gap-3">
        <dt className="min-w-0">
          <span className="block text-sm font-medium">{label}</span>
          {detail && (
            <span className="block text-xs text-zinc-500 wrap-anywhere dark:text-zinc-400">
              {detail}
            </span>
          )}
        </dt>
        <dd className="shrink-0">{badge}</dd>
      </div>
      {children}
    </div>
  );
}

const ENV_TOKEN = /^_?[A-Z][A-Z0-9_<>]*(_[A-Z0-9_<>]+)?(=\S+)?$/;

/** A setup sentence with its variable names (OPENAI_API_KEY, _MODELS, X=url) set as code. */
function SetupText({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\s+)/).map((word, i) => {
        const [, pre, core, post] = /^(\(?)(.*?)([,.)]*)$/.exec(word) ?? ["", "", word, ""];
        return core && core.includes("_") && ENV_TOKEN.test(core) ? (
          <span key={i}>
            {pre}
            <code className="rounded bg-zinc-100 px-1 font-mono text-[0.7rem] text-zinc-700 wrap-anywhere dark:bg-zinc-800 dark:text-zinc-300">
              {core}
            </code>
            {post}
          </span>
        ) : (
          word
        );
      })}
    </>
  );
}

function providerBadge(p: ProviderState) {
  if (!p.configured) return <Badge>Not configured</Badge>;
  if (p.circuit === "open")
    return (
      <Badge tone="danger">
        <Dot tone="bad" />
        Failing, skipped
      </Badge>
    );
  if (p.circuit === "half_open") return <Badge tone="info">Recovering</Badge>;
  return (
    <Badge tone="success">
      <Dot tone="ok" />
      Ready
    </Badge>
  );
}

/** How many models it routes to and, when some failed on their own, which are skipped. */
function providerDetail(p: ProviderState) {
  const routable = `${p.models} ${p.models === 1 ? "model" : "models"} to route to`;
  const open = p.modelCircuits.filter((m) => m.circuit === "open").map((m) => m.model);
  const probing = p.modelCircuits.filter((m) => m.circuit === "half_open").map((m) => m.model);
  return [
    routable,
    open.length > 0 && `failing, skipped: ${open.join(", ")}`,
    probing.length > 0 && `recovering: ${probing.join(", ")}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * Server component: the caller's view of the system, probed at request time (database round
 * trip, response cache, each AI provider). Admins also see how to add a missing provider.
 */
export async function SystemStatus({ isAdmin }: { isAdmin: boolean }) {
  let status: SystemStatusOutput;
  try {
    status = await getSystemStatus({ ctx: await getPageCtx() });
  } catch {
    return (
      <p role="alert" className="py-3 text-sm text-red-700 dark:text-red-300">
        The status could not be read: the database did not answer. Reload in a moment.
      </p>
    );
  }
  const { database: db, cache, providers } = status;
  const configured = providers.filter((p) => p.configured);
  return (
    <div data-testid="system-status">
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Row
          testId="status-database"
          label="Database"
          detail={`${ENGINE[db.engine]}${db.latencyMs !== undefined ? ` · ${db.latencyMs} ms` : ""}`}
          badge={
            <Badge tone={db.status === "ok" ? "success" : "danger"}>
              <Dot tone={db.status === "ok" ? "ok" : "bad"} />
              {db.status === "ok" ? "Healthy" : "Unavailable"}
            </Badge>
          }
        />
        <Row
          testId="status-cache"
          label="Response cache"
          detail={
            cache.status === "degraded"
              ? "The cache file is locked, full or unusable: it retries by itself meanwhile."
              : cache.entries !== undefined
                ? `${cache.entries} answers · ${Math.round((cache.hitRate ?? 0) * 100)}% hits since start`
                : "Repeated questions are answered from the cache."
          }
          badge={
            <Badge tone={cache.status === "ok" ? "success" : "danger"}>
              <Dot tone={cache.status === "ok" ? "ok" : "bad"} />
              {cache.status === "ok" ? "Healthy" : "Degraded"}
            </Badge>
          }
        />
      </dl>
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        AI providers
      </h3>
      {configured.length === 0 && (
        <div
          data-testid="no-provider"
          className="mt-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200"
        >
          <p className="font-medium">No AI provider is configured yet</p>
          <p className="mt-1 text-xs">
            {isAdmin
              ? "Chat and the API cannot answer until you add one: set one of the variables below in the server's environment (or .env) and restart."
              : "Chat and the API cannot answer until an admin adds one. Ask your admin."}
          </p>
        </div>
      )}
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {providers.map((p) => (
          <Row
            key={p.id}
            testId={`status-provider-${p.id}`}
            label={p.label}
            detail={p.configured ? providerDetail(p) : undefined}
            badge={providerBadge(p)}
          >
            {p.setup && (
              <details open={configured.length === 0} className="mt-1 text-xs">
                <summary className="cursor-pointer rounded text-indigo-600 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400">
                  How to add it
                </summary>
                <p className="mt-1 leading-relaxed text-zinc-600 dark:text-zinc-400">
                  <SetupText text={p.setup} />
                </p>
              </details>
            )}
          </Row>
        ))}
      </dl>
    </div>
  );
}

export function SystemStatusSkeleton() {
  return (
    <div className="space-y-4 py-3" aria-busy="true" aria-label="Checking system status">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="flex justify-between gap-4">
          <div className="h-4 w-28 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-16 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
}
