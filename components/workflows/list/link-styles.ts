// Links that look like Buttons (components/ui/button.tsx): navigation stays a real <a>, so it
// works before JavaScript loads and opens in a new tab.
const BASE =
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-medium outline-none transition focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-zinc-950";

export const primaryLink = `${BASE} bg-indigo-600 text-white hover:bg-indigo-500`;
export const secondaryLink = `${BASE} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800`;
export const textLink =
  "rounded font-medium text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400";
