"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function RegisterForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm")))
      return setFields({ confirm: "does not match the password" });
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await api("/api/auth/register", {
        method: "POST",
        json: { email: form.get("email"), name: form.get("name"), password },
      });
      router.push("/login?registered=1");
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setFields(err.fields);
      else
        setError(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const msg = (field: string) =>
    fields[field] &&
    `${field === "confirm" ? "Confirmation" : field[0]!.toUpperCase() + field.slice(1)} ${fields[field]}.`;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      <Field label="Name" name="name" autoComplete="name" error={msg("name")} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={msg("email")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. Long passphrases are welcome."
        error={msg("password")}
      />
      <Field
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={msg("confirm")}
      />
      <Button type="submit" busy={busy} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link
          href="/login"
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
