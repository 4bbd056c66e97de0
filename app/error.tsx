"use client";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section role="alert" className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-red-600 dark:text-red-400">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        The page could not be shown. Try again; if it keeps failing, give your admin this reference:
        <span className="mt-2 block font-mono text-xs">{error.digest ?? "no reference"}</span>
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 inline-flex rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
      >
        Try again
      </button>
    </section>
  );
}
