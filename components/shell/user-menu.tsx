"use client";

import Link from "next/link";
import { useFormStatus } from "react-dom";

/**
 * Who is signed in (a link to their account) and Sign out, at the foot of the sidebar or drawer.
 * Sign out is a form posting to a server action (`signOut`): it ends the session on the server
 * and works before hydration or without JavaScript.
 */
export function UserMenu({
  email,
  role,
  signOut,
  onNavigate,
}: {
  email: string;
  role: string;
  signOut: () => Promise<void>;
  onNavigate?: () => void;
}) {
  return (
    <div className="mt-auto flex flex-col items-stretch gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <Link
        href="/account"
        onClick={onNavigate}
        className="min-w-0 rounded-lg px-2 py-1 text-sm outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-zinc-800"
      >
        <span className="block truncate font-medium" data-testid="user-email">
          {email}
        </span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          <span className="capitalize">{role}</span> · Account &amp; API keys
        </span>
      </Link>
      <form action={signOut} noValidate className="contents">
        <SignOutButton />
      </form>
    </div>
  );
}

function SignOutButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-lg px-2 py-1 text-left text-sm text-zinc-600 outline-none hover:bg-zinc-100 hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
