"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BudgetView } from "@/lib/ai/admin";
import type { PublicUser } from "@/lib/auth/schemas";

/** AI spending caps: per user (found by email) or project (by id), per day or month; reject or downgrade. */
export function BudgetsPanel() {
  const {
    data,
    error: loadError,
    reload,
  } = useApi<{ budgets: BudgetView[] }>("/api/admin/budgets", "Could not load the budgets.");
  const [form, setForm] = useState({
    scope: "user",
    who: "",
    period: "day",
    limitUsd: "5",
    onExceed: "reject",
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function subjectId(): Promise<string> {
    if (form.scope === "project") return form.who.trim();
    const { users } = await api<{ users: PublicUser[] }>(
      `/api/admin/users?${new URLSearchParams({ q: form.who.trim() })}`,
    );
    const user = users.find((u) => u.email.toLowerCase() === form.who.trim().toLowerCase());
    if (!user) throw new ApiError(422, "validation", `No user has the email ${form.who.trim()}.`);
    return user.id;
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api("/api/admin/budgets", {
        method: "PUT",
        json: {
          scope: form.scope,
          subjectId: await subjectId(),
          period: form.period,
          limitUsd: Number(form.limitUsd),
          onExceed: form.onExceed,
        },
      });
      setError(null);
      setForm((f) => ({ ...f, who: "" }));
    } catch (err) {
      setError(
        err instanceof ApiError
          ? Object.entries(err.fields)
              .map(([f, m]) => `${f} ${m}`)
              .join("; ") || err.message
          : "Saving the budget failed.",
      );
    } finally {
      setBusy(false);
      reload();
    }
  }

  async function remove(b: BudgetView) {
    try {
      await api(`/api/admin/budgets/${b.id}`, { method: "DELETE" });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Removing the budget failed.");
    }
    reload();
  }

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
                {b.scope} <span className="font-mono text-xs text-zinc-500">{b.subjectId}</span>
              </td>
              <td className="py-2 pr-4">{b.period}</td>
              <td className="py-2 pr-4 tabular-nums">${b.limitUsd.toFixed(2)}</td>
              <td className="py-2 pr-4">
                {b.onExceed === "reject" ? "refuse (429)" : "cheapest model"}
              </td>
              <td className="py-2 text-right">
                <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => remove(b)}>
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form
        onSubmit={save}
        className="flex flex-wrap items-end gap-3 text-sm"
        aria-label="Add a budget"
      >
        <label className="grid gap-1">
          <span className="text-xs font-medium">Scope</span>
          <Select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>
            <option value="user">user</option>
            <option value="project">project</option>
          </Select>
        </label>
        <label className="grid gap-1">
          <span className="text-xs font-medium">
            {form.scope === "user" ? "User email" : "Project id"}
          </span>
          <Input
            required
            className="w-64"
            value={form.who}
            onChange={(e) => setForm({ ...form, who: e.target.value })}
          />
        </label>
        <label className="grid gap-1">
          <span className="text-xs font-medium">Period</span>
          <Select
            value={form.period}
            onChange={(e) => setForm({ ...form, period: e.target.value })}
          >
            <option value="day">day</option>
            <option value="month">month</option>
          </Select>
        </label>
        <label className="grid gap-1">
          <span className="text-xs font-medium">Cap (USD)</span>
          <Input
            required
            type="number"
            min={0}
            step="0.01"
            className="w-24"
            value={form.limitUsd}
            onChange={(e) => setForm({ ...form, limitUsd: e.target.value })}
          />
        </label>
        <label className="grid gap-1">
          <span className="text-xs font-medium">Over the cap</span>
          <Select
            value={form.onExceed}
            onChange={(e) => setForm({ ...form, onExceed: e.target.value })}
          >
            <option value="reject">refuse (429)</option>
            <option value="downgrade">cheapest model</option>
          </Select>
        </label>
        <Button type="submit" busy={busy}>
          Set budget
        </Button>
      </form>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
