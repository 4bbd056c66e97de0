"use client";

import { useId } from "react";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import type { GraphDiff } from "@/lib/workflows/diff";
import { versionName } from "./diff-model";
import { DiffView } from "./diff-view";

type Pair = { from: number; to: number };

/** From / To pickers over the versions and the draft (0). */
export function ComparePickers({
  versions,
  value,
  onChange,
}: {
  versions: { number: number }[];
  value: Pair;
  onChange: (pair: Pair) => void;
}) {
  const id = useId();
  const options = [0, ...versions.map((v) => v.number)];
  const picker = (side: keyof Pair, label: string) => (
    <div className="min-w-0 flex-1">
      <label
        htmlFor={`${id}-${side}`}
        className="block text-xs font-medium text-zinc-700 dark:text-zinc-300"
      >
        {label}
      </label>
      <Select
        id={`${id}-${side}`}
        value={value[side]}
        onChange={(e) => onChange({ ...value, [side]: Number(e.target.value) })}
        className="mt-1 w-full"
      >
        {options.map((n) => (
          <option key={n} value={n}>
            {versionName(n)}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <fieldset className="flex items-end gap-2">
      <legend className="mb-1 text-sm font-medium">Compare</legend>
      {picker("from", "From")}
      <span aria-hidden="true" className="pb-2 text-zinc-400">
        →
      </span>
      {picker("to", "To")}
    </fieldset>
  );
}

/** The diff of two versions (0: the draft), fetched when mounted (key it by the pair). */
export function CompareDiff(props: { workflowId: string } & Pair) {
  if (props.from === props.to)
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Pick two different versions to see what changed.
      </p>
    );
  return <LoadedDiff {...props} />;
}

function LoadedDiff({ workflowId, from, to }: { workflowId: string } & Pair) {
  const { data, error, reload } = useApi<{ diff: GraphDiff }>(
    `/api/workflows/${workflowId}/diff?from=${from}&to=${to}`,
    "Could not load the changes.",
  );
  if (error)
    return (
      <Alert>
        {error}{" "}
        <button type="button" onClick={reload} className="font-medium underline">
          Try again
        </button>
      </Alert>
    );
  if (!data)
    return (
      <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
        Loading changes…
      </p>
    );
  return <DiffView diff={data.diff} fromName={versionName(from)} toName={versionName(to)} />;
}
