"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { checkFields, formErrors, type FormErrors } from "@/components/lib/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import type { ProjectRole } from "@/lib/projects/schemas";

const LABELS = { email: "Email", role: "Role" };
const NONE: FormErrors = { fields: {}, form: null };

/**
 * Owners invite an existing user by email; a wrong or unknown email is said at the field.
 * `roles` comes from the page (one runtime import of the list, kept out of this file).
 */
export function InviteMember({
  projectId,
  roles,
  onInvited,
}: {
  projectId: string;
  roles: readonly ProjectRole[];
  onInvited: () => void;
}) {
  const [invite, setInvite] = useState({ email: "", role: "viewer" });
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [busy, setBusy] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    const fields = checkFields([["email", LABELS.email, !invite.email.trim() && "is required"]]);
    setErrors({ fields, form: null });
    if (Object.keys(fields).length) return;
    setBusy(true);
    try {
      await api(`/api/projects/${projectId}/members`, { method: "POST", json: invite });
      setInvite({ email: "", role: "viewer" });
      onInvited();
    } catch (err) {
      setErrors(formErrors(err, LABELS, "The invitation failed."));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={send} aria-label="Invite a member" className="mt-4 space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        <Field
          id="invite-email"
          label="Email of an existing user"
          name="email"
          type="email"
          autoComplete="off"
          variant="md"
          dense
          required
          wrapperClassName="w-full max-w-72"
          value={invite.email}
          onChange={(e) => setInvite({ ...invite, email: e.target.value })}
          error={errors.fields.email}
        />
        <SelectField
          id="invite-role"
          label="Role"
          name="role"
          variant="md"
          dense
          value={invite.role}
          onChange={(e) => setInvite({ ...invite, role: e.target.value })}
          error={errors.fields.role}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <div className="pt-5">
          <Button type="submit" busy={busy}>
            Invite
          </Button>
        </div>
      </div>
      {errors.form && <Alert>{errors.form}</Alert>}
    </Form>
  );
}
