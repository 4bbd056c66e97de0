"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const LABEL: Record<string, string> = {
  currentPassword: "Current password",
  newPassword: "New password",
  confirm: "Confirmation",
};

export function ChangePasswordForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const newPassword = String(form.get("newPassword"));
    setStatus(null);
    if (newPassword !== String(form.get("confirm")))
      return setFields({ confirm: "does not match the new password" });
    setFields({});
    setBusy(true);
    try {
      await api("/api/auth/password", {
        method: "POST",
        json: { currentPassword: form.get("currentPassword"), newPassword },
      });
      formEl.reset();
      setStatus({
        tone: "success",
        text: "Password changed. Your other sessions have been signed out.",
      });
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setFields(err.fields);
      else
        setStatus({
          tone: "error",
          text: err instanceof ApiError ? err.message : "Could not reach the server.",
        });
    } finally {
      setBusy(false);
    }
  }

  const msg = (f: string) => fields[f] && `${LABEL[f]} ${fields[f]}.`;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Change password">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={msg("currentPassword")}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={msg("newPassword")}
      />
      <Field
        label="Confirm new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={msg("confirm")}
      />
      <Button type="submit" busy={busy}>
        Change password
      </Button>
    </form>
  );
}
