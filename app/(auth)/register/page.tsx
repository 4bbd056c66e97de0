import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import { getPageActor } from "@/lib/auth/page-session";
import { safeNext } from "@/lib/auth/safe-next";
import { registerAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const next = safeNext((await searchParams).next);
  if ((await getPageActor()).kind === "user") redirect(next);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold tracking-tight">Create an account</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        The first account on a new installation becomes its admin.
      </p>
      <RegisterForm next={next} action={registerAction} />
    </>
  );
}
