"use client";

import { useState } from "react";
import { api } from "@/components/lib/api";
import { formErrors } from "@/components/lib/field-errors";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Checkbox, Input } from "@/components/ui/input";
import type { UpsertModelBody } from "@/lib/ai/admin/schemas";
import type { ModelView, ProviderStatus } from "@/lib/ai/list-models";
import { AddModelForm } from "./add-model-form";

const TIERS = { 1: "economy", 2: "standard", 3: "premium" } as const;

const ROW_LABELS = { inputPerMTok: "Input price", outputPerMTok: "Output price" };

type Draft = Pick<ModelView, "inputPerMTok" | "outputPerMTok" | "enabled">;

function editOf(m: ModelView, d: Draft): UpsertModelBody {
  return {
    provider: m.provider,
    inputPerMTok: d.inputPerMTok,
    outputPerMTok: d.outputPerMTok,
    contextWindow: m.contextWindow,
    capabilities: m.capabilities,
    quality: m.quality,
    latency: m.latency,
    enabled: d.enabled,
  };
}

/** The model catalogue: prices and on/off per model, saved as admin edits; reset returns a shipped model to its defaults. */
export function ModelsTable() {
  const {
    data,
    error: loadError,
    reload,
  } = useApi<{ models: ModelView[]; providers: ProviderStatus[] }>(
    "/api/admin/models",
    "Could not load the model catalogue.",
  );
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function run(id: string, fn: () => Promise<unknown>) {
    setBusy(id);
    try {
      await fn();
      setErrors(({ [id]: _gone, ...rest }) => rest);
      setDrafts(({ [id]: _saved, ...rest }) => rest);
    } catch (err) {
      const { fields, form } = formErrors(err, ROW_LABELS, "Saving failed.");
      setErrors((e) => ({
        ...e,
        [id]: [...Object.values(fields), form].filter(Boolean).join(" "),
      }));
    } finally {
      setBusy(null);
      reload();
    }
  }

  if (loadError) return <Alert>{loadError}</Alert>;
  if (!data)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading the catalogue…
      </p>
    );
  return (
    <div className="space-y-3">
      <p className="text-xs text-zinc-500">
        Prices are USD per million tokens. Models of providers without a key stay listed but are
        never routed to.
      </p>
      <DataTable
        headers={[
          "Model",
          "Input $",
          "Output $",
          "Context",
          "Tier",
          "Enabled",
          { label: "Actions", hidden: true },
        ]}
        testId="models-table"
      >
        {data.models.map((m) => {
          const d = drafts[m.id] ?? {
            inputPerMTok: m.inputPerMTok,
            outputPerMTok: m.outputPerMTok,
            enabled: m.enabled,
          };
          const dirty =
            d.inputPerMTok !== m.inputPerMTok ||
            d.outputPerMTok !== m.outputPerMTok ||
            d.enabled !== m.enabled;
          const set = (patch: Partial<Draft>) =>
            setDrafts((all) => ({ ...all, [m.id]: { ...d, ...patch } }));
          return (
            <tr key={m.id} data-testid={`model-row-${m.id}`}>
              <td className="py-2 pr-4">
                <span className="block font-medium">{m.id}</span>
                <span className="flex flex-wrap gap-1 pt-1 text-xs text-zinc-500">
                  {m.provider}
                  {!m.available && <Badge>no key</Badge>}
                  {m.source !== "default" && <Badge tone="info">{m.source}</Badge>}
                </span>
                {errors[m.id] && (
                  <span
                    role="alert"
                    id={`model-error-${m.id}`}
                    className="mt-1 block max-w-56 text-xs text-red-600 dark:text-red-400"
                  >
                    {errors[m.id]}
                  </span>
                )}
              </td>
              <td className="py-2 pr-4">
                <Input
                  variant="sm"
                  aria-label={`Input price of ${m.id}`}
                  invalid={!!errors[m.id]}
                  aria-describedby={errors[m.id] ? `model-error-${m.id}` : undefined}
                  type="number"
                  min={0}
                  step="0.01"
                  className="w-20 tabular-nums"
                  value={d.inputPerMTok}
                  onChange={(e) => set({ inputPerMTok: Number(e.target.value) })}
                />
              </td>
              <td className="py-2 pr-4">
                <Input
                  variant="sm"
                  aria-label={`Output price of ${m.id}`}
                  invalid={!!errors[m.id]}
                  aria-describedby={errors[m.id] ? `model-error-${m.id}` : undefined}
                  type="number"
                  min={0}
                  step="0.01"
                  className="w-20 tabular-nums"
                  value={d.outputPerMTok}
                  onChange={(e) => set({ outputPerMTok: Number(e.target.value) })}
                />
              </td>
              <td className="py-2 pr-4 tabular-nums">{m.contextWindow.toLocaleString()}</td>
              <td className="py-2 pr-4">{TIERS[m.quality]}</td>
              <td className="py-2 pr-4">
                <Checkbox
                  aria-label={`${m.id} enabled`}
                  checked={d.enabled}
                  onChange={(e) => set({ enabled: e.target.checked })}
                />
              </td>
              <td className="whitespace-nowrap py-2 text-right">
                <Button
                  size="sm"
                  disabled={!dirty || busy !== null}
                  busy={busy === m.id}
                  onClick={() =>
                    run(m.id, () =>
                      api(`/api/admin/models/${encodeURIComponent(m.id)}`, {
                        method: "PUT",
                        json: editOf(m, d),
                      }),
                    )
                  }
                >
                  Save
                </Button>
                {m.source !== "default" && (
                  <Button
                    variant="secondary"
                    size="sm"
                    className="ml-2"
                    disabled={busy !== null}
                    onClick={() =>
                      run(m.id, () =>
                        api(`/api/admin/models/${encodeURIComponent(m.id)}`, { method: "DELETE" }),
                      )
                    }
                  >
                    {m.source === "edited" ? "Reset" : "Remove"}
                  </Button>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <AddModelForm
        existing={data.models.map((m) => m.id)}
        providers={data.providers}
        onAdded={reload}
      />
    </div>
  );
}
