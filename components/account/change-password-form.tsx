"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { checkFields, formErrors } from "@/components/lib/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

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
    const currentPassword = String(form.get("currentPassword"));
    const newPassword = String(form.get("newPassword"));
    const confirm = String(form.get("confirm"));
    setStatus(null);
    const problems = checkFields([
      ["currentPassword", LABEL.currentPassword!, !currentPassword && "is required"],
      ["newPassword", LABEL.newPassword!, !newPassword && "is required"],
      ["confirm", LABEL.confirm!, newPassword !== confirm && "does not match the new password"],
    ]);
    setFields(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api("/api/auth/password", {
        method: "POST",
        json: { currentPassword, newPassword },
      });
      formEl.reset();
      setStatus({
        tone: "success",
        text: "Password changed. Your other sessions have been signed out.",
      });
    } catch (err) {
      const { fields, form: message } = formErrors(err, LABEL, "Could not reach the server.");
      setFields(fields);
      if (message) setStatus({ tone: "error", text: message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={onSubmit} className="space-y-4" aria-label="Change password">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fields.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={fields.newPassword}
      />
      <Field
        label="Confirm new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={fields.confirm}
      />
      <Button type="submit" busy={busy}>
        Change password
      </Button>
    </Form>
  );
}
