"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const MESSAGES: Record<string, string> = {
  invalid_credentials: "Invalid email or password.",
  locked: "Too many failed sign-ins for this account. Wait a few minutes, then try again.",
};

/**
 * Signs in through Auth.js's credentials endpoint (CSRF token first), asking for a JSON answer
 * instead of a redirect so errors stay on this page. The cookie itself is httpOnly: this code
 * never sees the token.
 */
async function signIn(
  email: string,
  password: string,
  callbackUrl: string,
): Promise<string | null> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) return body?.error?.message ?? `Sign-in failed (${res.status}).`;
  const url = new URL(body?.url ?? "/", window.location.origin);
  const error = url.searchParams.get("error");
  if (!error) return null;
  return MESSAGES[url.searchParams.get("code") ?? ""] ?? "Sign-in failed. Try again.";
}

export function LoginForm({ next, registered }: { next: string; registered: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const problem = await signIn(String(form.get("email")), String(form.get("password")), next);
      if (problem) return setError(problem);
      router.replace(next);
      router.refresh(); // server components render again, now with the session
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {registered && <Alert tone="success">Account created. Sign in to continue.</Alert>}
      {error && <Alert>{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" busy={busy} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New here?{" "}
        <Link
          href="/register"
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
