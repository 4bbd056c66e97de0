import type { ProviderStatus } from "./types";

/** Shown when no provider is configured: what to set, per provider. */
export function NoProvider({ providers }: { providers: ProviderStatus[] }) {
  return (
    <section
      aria-labelledby="no-provider"
      className="mx-auto max-w-xl rounded-2xl border border-amber-200 bg-amber-50 p-6 text-sm dark:border-amber-500/30 dark:bg-amber-500/10"
    >
      <h2 id="no-provider" className="text-base font-semibold text-amber-900 dark:text-amber-200">
        No AI provider is configured yet
      </h2>
      <p className="mt-2 text-amber-900/80 dark:text-amber-200/80">
        The router needs at least one provider. Add any of these to the server&apos;s environment
        (or <code>.env</code>) and restart:
      </p>
      <ul className="mt-3 space-y-2">
        {providers
          .filter((p) => !p.configured)
          .map((p) => (
            <li key={p.id}>
              <span className="font-medium">{p.label}</span>
              <span className="block text-xs text-amber-900/80 dark:text-amber-200/80">
                {p.setup}
              </span>
            </li>
          ))}
      </ul>
    </section>
  );
}
