"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { checkFields, formErrors, type FormErrors } from "@/components/lib/field-errors";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field, FieldGroup } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Checkbox } from "@/components/ui/input";
import type { ApiKeySummary } from "@/lib/api-keys/schemas";

const SCOPES = ["read", "write", "admin"] as const;
const LABELS = { name: "Key name", expiresInDays: "Expiry", scopes: "Scopes" };
const NONE: FormErrors = { fields: {}, form: null };
/** Empty is "never"; otherwise whole days, 1 to 3650 (the server's range). */
const daysProblem = (days: string) =>
  days && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)
    ? "must be a whole number of days from 1 to 3650"
    : null;
const date = (iso: string | null, empty = "Never") =>
  iso ? new Date(iso).toLocaleString() : empty;

function NewKey({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-500/30 dark:bg-emerald-500/10">
      <p className="text-sm font-medium">Copy your new key now. It will not be shown again.</p>
      <code
        data-testid="new-api-key"
        className="block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-950"
      >
        {secret}
      </code>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

export function ApiKeys({ isAdmin }: { isAdmin: boolean }) {
  const {
    data,
    error: loadError,
    reload,
  } = useApi<{ keys: ApiKeySummary[] }>("/api/keys", "Could not load your keys.");
  const keys = data?.keys ?? null;
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const days = String(form.get("expiresInDays") ?? "").trim();
    const name = String(form.get("name") ?? "").trim();
    const fields = checkFields([
      ["name", LABELS.name, !name && "is required"],
      ["expiresInDays", LABELS.expiresInDays, daysProblem(days)],
      ["scopes", LABELS.scopes, !form.getAll("scopes").length && "needs at least one scope"],
    ]);
    setErrors({ fields, form: null });
    if (Object.keys(fields).length) return;
    setBusy(true);
    try {
      const json = {
        name,
        scopes: form.getAll("scopes"),
        expiresInDays: days ? Number(days) : null,
      };
      const created = await api<{ key: string }>("/api/keys", { method: "POST", json });
      setSecret(created.key);
      formEl.reset();
      reload();
    } catch (err) {
      setErrors(formErrors(err, LABELS, "Could not reach the server."));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: ApiKeySummary) {
    if (!window.confirm(`Revoke "${key.name}"? Programs using it stop working at once.`)) return;
    await api(`/api/keys/${key.id}`, { method: "DELETE" }).catch(() => undefined);
    reload();
  }

  return (
    <div className="space-y-6">
      {secret && <NewKey secret={secret} onDone={() => setSecret(null)} />}
      <Form
        onSubmit={create}
        className="grid gap-4 sm:grid-cols-[1fr_10rem]"
        aria-label="Create API key"
      >
        <Field
          label="Key name"
          name="name"
          placeholder="e.g. CI pipeline"
          required
          error={errors.fields.name}
        />
        <Field
          label="Expires in (days)"
          name="expiresInDays"
          inputMode="numeric"
          placeholder="Never"
          error={errors.fields.expiresInDays}
        />
        <FieldGroup
          legend="Scopes"
          name="scopes"
          error={errors.fields.scopes}
          className="sm:col-span-2"
        >
          {SCOPES.filter((s) => isAdmin || s !== "admin").map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <Checkbox name="scopes" value={scope} defaultChecked={scope === "read"} />
              {scope}
            </label>
          ))}
        </FieldGroup>
        {errors.form && (
          <div className="sm:col-span-2">
            <Alert>{errors.form}</Alert>
          </div>
        )}
        <div>
          <Button type="submit" busy={busy}>
            Create key
          </Button>
        </div>
      </Form>
      {loadError && <Alert>{loadError}</Alert>}
      {!keys && !loadError && (
        <p className="text-sm text-zinc-500" aria-busy="true">
          Loading keys…
        </p>
      )}
      {keys?.length === 0 && (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-center text-sm text-zinc-500 dark:border-zinc-700">
          No API keys yet. Create one to call the API from code or from any OpenAI SDK.
        </p>
      )}
      {keys && keys.length > 0 && (
        <DataTable
          headers={[
            "Name",
            "Key",
            "Scopes",
            "Last used",
            "Expires",
            { label: "Actions", hidden: true },
          ]}
        >
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row">
              <td className="py-2 pr-4 font-medium">{k.name}</td>
              <td className="py-2 pr-4 font-mono text-xs">{k.prefix}…</td>
              <td className="py-2 pr-4">{k.scopes.join(", ")}</td>
              <td className="py-2 pr-4">{date(k.lastUsedAt)}</td>
              <td className="py-2 pr-4">{date(k.expiresAt)}</td>
              <td className="py-2 text-right">
                {k.revokedAt ? (
                  <Badge tone="danger">Revoked</Badge>
                ) : (
                  <Button
                    variant="secondary"
                    onClick={() => revoke(k)}
                    aria-label={`Revoke ${k.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
