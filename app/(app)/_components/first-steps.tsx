import Link from "next/link";
import type { ReactNode } from "react";
import { CheckIcon } from "@/components/shell/icons";
import { getPageCtx } from "@/lib/auth/page-session";
import { getFirstSteps, type FirstStepId, type FirstStepsOutput } from "@/lib/onboarding";

interface StepCopy {
  title: string;
  body: (ctx: { origin: string; aiReady: boolean; isAdmin: boolean }) => ReactNode;
  action?: { href: string; label: string };
}

const code = "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8em] dark:bg-zinc-800";

const STEPS: Record<FirstStepId, StepCopy> = {
  provider: {
    title: "Connect an AI provider",
    body: () => (
      <>
        Set <code className={code}>OPENAI_API_KEY</code>,{" "}
        <code className={code}>ANTHROPIC_API_KEY</code> or{" "}
        <code className={code}>GOOGLE_GENERATIVE_AI_API_KEY</code> (or an OpenAI-compatible endpoint
        such as Ollama: <code className={code}>OPENAI_COMPATIBLE_&lt;NAME&gt;_BASE_URL</code>) in
        the server&apos;s environment or <code className={code}>.env</code>, and restart. Prices and
        which models the router may use are set under Admin → Models.
      </>
    ),
    action: { href: "/admin", label: "Open Admin" },
  },
  project: {
    title: "Create a project",
    body: () => "A project holds your team's documents, typed databases and chats.",
    action: { href: "/projects", label: "Go to Projects" },
  },
  invite: {
    title: "Invite a teammate",
    body: () =>
      "Teammates create their own account on the sign-up page; then invite them by email from a project's Members panel, as owner, editor or viewer.",
    action: { href: "/projects", label: "Open a project" },
  },
  api_key: {
    title: "Create an API key",
    body: () =>
      "A key lets scripts and tools call the API as you, with read, write or admin scope. It is shown once.",
    action: { href: "/account", label: "Create a key" },
  },
  api_call: {
    title: "Try the OpenAI-compatible API",
    body: ({ origin, aiReady, isAdmin }) => (
      <>
        Any OpenAI SDK works with <code className={code}>baseURL: &quot;{origin}/api/v1&quot;</code>{" "}
        and your key (below in <code className={code}>$AIOS_KEY</code>);{" "}
        <code className={code}>model: &quot;auto&quot;</code> lets the router choose.
        {!aiReady && (
          <span className="mt-1 block font-medium text-amber-700 dark:text-amber-300">
            {isAdmin
              ? "Needs an AI provider first (step 1)."
              : "Needs an AI provider first: ask an admin to add one."}
          </span>
        )}
        <pre className="mt-2 overflow-x-auto rounded-lg bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black/40">
          {`curl ${origin}/api/v1/chat/completions \\
  -H "Authorization: Bearer $AIOS_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model":"auto","messages":[{"role":"user","content":"Hello"}]}'`}
        </pre>
      </>
    ),
  },
};

/**
 * Server component: the caller's first steps, each ticked from real data by the onboarding
 * service. Once every step is done the list folds away behind its summary.
 */
export async function FirstSteps({ origin, isAdmin }: { origin: string; isAdmin: boolean }) {
  let out: FirstStepsOutput;
  try {
    out = await getFirstSteps({ ctx: await getPageCtx() });
  } catch {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        Your first steps could not be loaded. Reload in a moment.
      </p>
    );
  }
  const { steps, completed, aiReady } = out;
  const allDone = completed === steps.length;
  const list = (
    <ol className="mt-4 space-y-4" aria-label="First steps" data-testid="first-steps">
      {steps.map((step, i) => {
        const copy = STEPS[step.id];
        return (
          <li key={step.id} className="flex gap-3" data-testid={`step-${step.id}`}>
            <span
              aria-hidden="true"
              className={`mt-0.5 grid size-6 shrink-0 place-items-center rounded-full text-xs font-semibold ${
                step.done
                  ? "bg-emerald-500 text-white dark:bg-emerald-500/90"
                  : "border border-zinc-300 text-zinc-500 dark:border-zinc-600 dark:text-zinc-400"
              }`}
            >
              {step.done ? <CheckIcon className="size-4" /> : i + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium">
                <span className="sr-only">{step.done ? "Done: " : "To do: "}</span>
                <span className={step.done ? "text-zinc-500 line-through dark:text-zinc-400" : ""}>
                  {copy.title}
                </span>
              </p>
              {!step.done && (
                <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                  {copy.body({ origin, aiReady, isAdmin })}
                </div>
              )}
              {!step.done && copy.action && (
                <Link
                  href={copy.action.href}
                  className="mt-2 inline-flex rounded text-sm font-medium text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400"
                >
                  {copy.action.label} →
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
  const summary = (
    <span className="whitespace-nowrap text-xs font-medium text-zinc-500 dark:text-zinc-400">
      {completed} of {steps.length} done
    </span>
  );
  if (allDone)
    return (
      <details>
        <summary className="cursor-pointer rounded text-sm text-emerald-700 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-emerald-300">
          All set: every first step is done. {summary}
        </summary>
        {list}
      </details>
    );
  return (
    <>
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {isAdmin
            ? "Get your team going. Each step ticks itself off once it is done."
            : "Find your way around. Each step ticks itself off once it is done."}
        </p>
        {summary}
      </div>
      <div
        className="mt-3 flex gap-1"
        role="progressbar"
        aria-label="First steps done"
        aria-valuemin={0}
        aria-valuemax={steps.length}
        aria-valuenow={completed}
      >
        {steps.map((step) => (
          <span
            key={step.id}
            className={`h-1.5 flex-1 rounded-full ${step.done ? "bg-emerald-500" : "bg-zinc-200 dark:bg-zinc-800"}`}
          />
        ))}
      </div>
      {list}
    </>
  );
}

export function FirstStepsSkeleton() {
  return (
    <div className="mt-4 space-y-4" aria-busy="true" aria-label="Loading your first steps">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="flex gap-3">
          <div className="size-6 animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-48 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
}
