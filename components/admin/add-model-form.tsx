"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { checkFields, formErrors, type FormErrors } from "@/components/lib/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldGroup, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Checkbox } from "@/components/ui/input";
import type { UpsertModelBody } from "@/lib/ai/admin/schemas";
import type { ProviderStatus } from "@/lib/ai/list-models";

// How each field is named in its errors (the API's field names → the form's words).
const LABELS = {
  id: "Model id",
  provider: "Provider",
  inputPerMTok: "Input price",
  outputPerMTok: "Output price",
  contextWindow: "Context window",
  capabilities: "Capabilities",
  quality: "Tier",
  latency: "Speed",
  enabled: "Enabled",
};
const CAPABILITIES = ["tools", "vision", "json"] as const;
const NONE: FormErrors = { fields: {}, form: null };

/** Empty → "is required", not a number → "must be a number"; ranges are the server's to say. */
const numberProblem = (text: string) =>
  !text.trim() ? "is required" : Number.isFinite(Number(text)) ? null : "must be a number";

/**
 * Adds a model to the catalogue (PUT /api/admin/models/:id, the same upsert the rows use): a
 * model a provider serves that the shipped list lacks, e.g. a new release or an Ollama model.
 */
export function AddModelForm({
  existing,
  providers,
  onAdded,
}: {
  existing: string[];
  providers: ProviderStatus[];
  onAdded: () => void;
}) {
  // "compat" alone is the hint to configure one; a configured one is "compat:<name>".
  const choices = providers.filter((p) => p.id !== "compat");
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const f = new FormData(formEl);
    const text = (name: string) => String(f.get(name) ?? "").trim();
    const id = text("id");
    setAdded(null);
    const fields = checkFields([
      ["id", LABELS.id, !id && "is required"],
      [
        "id",
        LABELS.id,
        existing.includes(id) && "is already in the catalogue: change its row instead",
      ],
      ["inputPerMTok", LABELS.inputPerMTok, numberProblem(text("inputPerMTok"))],
      ["outputPerMTok", LABELS.outputPerMTok, numberProblem(text("outputPerMTok"))],
      ["contextWindow", LABELS.contextWindow, numberProblem(text("contextWindow"))],
    ]);
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    const body: UpsertModelBody = {
      provider: text("provider"),
      inputPerMTok: Number(text("inputPerMTok")),
      outputPerMTok: Number(text("outputPerMTok")),
      contextWindow: Number(text("contextWindow")),
      capabilities: f.getAll("capabilities").map(String) as UpsertModelBody["capabilities"],
      quality: Number(text("quality")) as UpsertModelBody["quality"],
      latency: Number(text("latency")) as UpsertModelBody["latency"],
      enabled: f.get("enabled") === "on",
    };
    setBusy(true);
    try {
      await api(`/api/admin/models/${encodeURIComponent(id)}`, { method: "PUT", json: body });
      setErrors(NONE);
      setAdded(id);
      formEl.reset();
      onAdded();
    } catch (err) {
      setErrors(formErrors(err, LABELS, "Adding the model failed."));
    } finally {
      setBusy(false);
    }
  }

  const e = errors.fields;
  return (
    <section
      aria-labelledby="add-model-heading"
      className="rounded-xl border border-dashed border-zinc-300 p-4 dark:border-zinc-700"
    >
      <h3 id="add-model-heading" className="text-sm font-semibold">
        Add a model
      </h3>
      <p className="mt-1 text-xs text-zinc-500">
        A model your provider serves that the list lacks (a new release, an Ollama or OpenRouter
        model). Use the id exactly as the provider names it.
      </p>
      <Form
        onSubmit={submit}
        aria-label="Add a model"
        className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <Field
          id="add-model-id"
          label="Model id"
          name="id"
          variant="md"
          dense
          placeholder="e.g. gpt-4.1-nano"
          autoComplete="off"
          error={e.id}
          wrapperClassName="sm:col-span-2"
        />
        <SelectField
          id="add-model-provider"
          label="Provider"
          name="provider"
          variant="md"
          dense
          error={e.provider}
          wrapperClassName="sm:col-span-2"
        >
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
              {p.configured ? "" : " (no key yet)"}
            </option>
          ))}
        </SelectField>
        <Field
          id="add-model-input"
          label="Input $ / M tokens"
          name="inputPerMTok"
          inputMode="decimal"
          variant="md"
          dense
          error={e.inputPerMTok}
        />
        <Field
          id="add-model-output"
          label="Output $ / M tokens"
          name="outputPerMTok"
          inputMode="decimal"
          variant="md"
          dense
          error={e.outputPerMTok}
        />
        <Field
          id="add-model-context"
          label="Context window (tokens)"
          name="contextWindow"
          inputMode="numeric"
          variant="md"
          dense
          placeholder="e.g. 128000"
          error={e.contextWindow}
        />
        <SelectField
          id="add-model-tier"
          label="Tier"
          name="quality"
          defaultValue="2"
          variant="md"
          dense
          error={e.quality}
        >
          <option value="1">economy</option>
          <option value="2">standard</option>
          <option value="3">premium</option>
        </SelectField>
        <SelectField
          id="add-model-speed"
          label="Speed"
          name="latency"
          defaultValue="2"
          variant="md"
          dense
          error={e.latency}
        >
          <option value="1">fast</option>
          <option value="2">medium</option>
          <option value="3">slow</option>
        </SelectField>
        <FieldGroup
          legend="Capabilities"
          name="add-model-capabilities"
          dense
          error={e.capabilities}
          className="sm:col-span-2 lg:col-span-3"
        >
          {CAPABILITIES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <Checkbox name="capabilities" value={c} />
              {c}
            </label>
          ))}
        </FieldGroup>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
          <label className="flex items-center gap-2 text-sm">
            <Checkbox name="enabled" defaultChecked />
            Enabled (the router may use it)
          </label>
          <Button type="submit" busy={busy} className="ml-auto">
            Add model
          </Button>
        </div>
      </Form>
      <div className="mt-3 empty:hidden">
        {errors.form && <Alert>{errors.form}</Alert>}
        {added && <Alert tone="success">{added} is in the catalogue.</Alert>}
      </div>
    </section>
  );
}
