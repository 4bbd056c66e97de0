import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { signInAction } from "../actions";
import { getPageActor } from "@/lib/auth/page-session";
import { safeNext } from "@/lib/auth/safe-next";
import { signInNotice } from "@/lib/auth/signin-notice";

export const metadata: Metadata = { title: "Sign in" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string; code?: string }>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if ((await getPageActor()).kind === "user") redirect(next);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold tracking-tight">Sign in</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Welcome back to AI Assistant OS.
      </p>
      <LoginForm
        next={next}
        action={signInAction}
        notice={signInNotice(one(params.error), one(params.code))}
      />
    </>
  );
}
