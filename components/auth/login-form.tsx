"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { AuthFormState } from "@/lib/auth/form-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type AuthAction = (previous: AuthFormState, form: FormData) => Promise<AuthFormState>;

/**
 * The sign-in form posts to a server action: before hydration (or without JavaScript) it is a
 * normal POST, never a GET with the password in the URL; after hydration the same action runs
 * without a page load. The session cookie is httpOnly: this code never sees the token.
 */
export function LoginForm({
  next,
  action,
  notice,
}: {
  next: string;
  action: AuthAction;
  /** Why Auth.js sent the browser back here, until this form is submitted. */
  notice?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { error: notice });
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <Alert>{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={state.values?.email}
        error={state.fields?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fields?.password}
      />
      <Button type="submit" busy={pending} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New here?{" "}
        <Link
          href={next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`}
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}

export type { AuthAction };
