"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { checkFields, formErrors, type FormErrors } from "@/components/lib/field-errors";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import type { BudgetView } from "@/lib/ai/admin";
import type { PublicUser } from "@/lib/auth/schemas";

const NONE: FormErrors = { fields: {}, form: null };

/**
 * The cap's rule, said before sending (the server says the same, lib/ai/admin/schemas.ts): a
 * number, $0 (no AI use at all) or at least a cent.
 */
function capProblem(text: string): string | null {
  if (!text.trim()) return "is required";
  const usd = Number(text.replace(/^\$/, ""));
  if (!Number.isFinite(usd)) return "must be a number";
  if (usd < 0) return "must be at least $0";
  if (usd > 0 && usd < 0.01) return "must be $0 (no AI use) or at least $0.01";
  return null;
}

function Subject({ b }: { b: BudgetView }) {
  const main = b.subjectEmail ?? b.subjectName;
  const rest = [b.scope, b.subjectEmail ? b.subjectName : null].filter(Boolean).join(" · ");
  return (
    <span data-testid="budget-subject" title={b.subjectId} className="block">
      {main ? (
        <span className="block font-medium">{main}</span>
      ) : (
        // Gone (a deleted project): the id is all there is.
        <span className="block break-all font-mono text-xs">{b.subjectId}</span>
      )}
      <span className="text-xs text-zinc-500">{main ? rest : `${b.scope} · no longer exists`}</span>
    </span>
  );
}

/** AI spending caps: per user (found by email) or project (by id), per day or month; reject or downgrade. */
export function BudgetsPanel() {
  const {
    data,
    error: loadError,
    reload,
  } = useApi<{ budgets: BudgetView[] }>("/api/admin/budgets", "Could not load the budgets.");
  const [scope, setScope] = useState<"user" | "project">("user");
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [note, setNote] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const whoLabel = scope === "user" ? "User email" : "Project id";
  const labels = {
    subjectId: whoLabel,
    limitUsd: "Cap",
    period: "Period",
    onExceed: "Over the cap",
  };

  /** The user's id for an email, or null (the admin users search, matched exactly). */
  async function userId(email: string): Promise<string | null> {
    const { users } = await api<{ users: PublicUser[] }>(
      `/api/admin/users?${new URLSearchParams({ q: email })}`,
    );
    return users.find((u) => u.email.toLowerCase() === email.toLowerCase())?.id ?? null;
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const f = new FormData(formEl);
    const who = String(f.get("who") ?? "").trim();
    const cap = String(f.get("limitUsd") ?? "");
    setNote(null);
    // Every problem at once, and none left over from the last try.
    const fields = checkFields([
      ["subjectId", whoLabel, !who && "is required"],
      ["limitUsd", "Cap", capProblem(cap)],
    ]);
    setBusy(true);
    try {
      const subjectId = scope === "user" && who ? await userId(who) : who;
      if (who && !subjectId)
        Object.assign(
          fields,
          checkFields([["subjectId", whoLabel, "does not belong to any user"]]),
        );
      if (Object.keys(fields).length) return setErrors({ fields, form: null });
      await api("/api/admin/budgets", {
        method: "PUT",
        json: {
          scope,
          subjectId,
          period: f.get("period"),
          limitUsd: Number(cap.replace(/^\$/, "")),
          onExceed: f.get("onExceed"),
        },
      });
      setErrors(NONE);
      setNote({ tone: "success", text: `Cap set for ${who}.` });
      (formEl.elements.namedItem("who") as HTMLInputElement).value = "";
      reload();
    } catch (err) {
      setErrors(formErrors(err, labels, "Saving the budget failed."));
    } finally {
      setBusy(false);
    }
  }

  async function remove(b: BudgetView) {
    try {
      await api(`/api/admin/budgets/${b.id}`, { method: "DELETE" });
      setNote(null);
    } catch (err) {
      setNote({
        tone: "error",
        text: err instanceof ApiError ? err.message : "Removing the budget failed.",
      });
    }
    reload();
  }

  const e = errors.fields;
  return (
    <div className="space-y-4">
      {loadError && <Alert>{loadError}</Alert>}
      {data && data.budgets.length === 0 && (
        <p className="text-sm text-zinc-500">No caps: AI spending is unlimited. Add one below.</p>
      )}
      {data && data.budgets.length > 0 && (
        <DataTable
          headers={[
            "Applies to",
            "Period",
            "Cap",
            "Over the cap",
            { label: "Actions", hidden: true },
          ]}
        >
          {data.budgets.map((b) => (
            <tr key={b.id}>
              <td className="py-2 pr-4">
                <Subject b={b} />
              </td>
              <td className="py-2 pr-4">{b.period === "day" ? "daily" : "monthly"}</td>
              <td className="py-2 pr-4 tabular-nums">${b.limitUsd.toFixed(2)}</td>
              <td className="py-2 pr-4">
                {b.onExceed === "reject" ? "refuse (429)" : "cheapest model"}
              </td>
              <td className="py-2 text-right">
                <Button variant="secondary" size="sm" onClick={() => remove(b)}>
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {note && <Alert tone={note.tone}>{note.text}</Alert>}
      <Form onSubmit={save} className="flex flex-wrap items-start gap-3" aria-label="Add a budget">
        <SelectField
          id="budget-scope"
          wrapperClassName="w-28"
          label="Scope"
          name="scope"
          variant="md"
          dense
          value={scope}
          onChange={(ev) => setScope(ev.target.value as "user" | "project")}
        >
          <option value="user">user</option>
          <option value="project">project</option>
        </SelectField>
        <Field
          id="budget-who"
          wrapperClassName="min-w-56 flex-1"
          label={whoLabel}
          name="who"
          type={scope === "user" ? "email" : "text"}
          autoComplete="off"
          variant="md"
          dense
          error={e.subjectId}
        />
        <SelectField
          id="budget-period"
          wrapperClassName="w-28"
          label="Period"
          name="period"
          variant="md"
          dense
          error={e.period}
        >
          <option value="day">day</option>
          <option value="month">month</option>
        </SelectField>
        <Field
          id="budget-cap"
          wrapperClassName="w-32"
          label="Cap (USD)"
          name="limitUsd"
          inputMode="decimal"
          defaultValue="5"
          variant="md"
          dense
          error={e.limitUsd}
        />
        <SelectField
          id="budget-over"
          wrapperClassName="w-44"
          label="Over the cap"
          name="onExceed"
          variant="md"
          dense
          error={e.onExceed}
        >
          <option value="reject">refuse (429)</option>
          <option value="downgrade">cheapest model</option>
        </SelectField>
        <div className="pt-5">
          <Button type="submit" busy={busy}>
            Set budget
          </Button>
        </div>
      </Form>
      {errors.form && <Alert>{errors.form}</Alert>}
    </div>
  );
}
