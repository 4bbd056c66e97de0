"use client";

import { useState } from "react";
import { api } from "@/components/lib/api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

/** Owners delete a project for good by typing its exact name. */
export function DeleteProject({
  projectId,
  name,
  act,
  onDeleted,
}: {
  projectId: string;
  name: string;
  act: (fn: () => Promise<unknown>, fallback: string, after?: () => void) => Promise<void>;
  onDeleted: () => void;
}) {
  const [confirm, setConfirm] = useState("");
  return (
    <section
      aria-labelledby="danger-heading"
      className="rounded-2xl border border-red-200 bg-white p-5 shadow-sm dark:border-red-500/30 dark:bg-zinc-900"
    >
      <h2 id="danger-heading" className="text-sm font-semibold text-red-700 dark:text-red-400">
        Delete this project
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Deletes it for good with its documents, databases, members and conversations (the AI cost
        ledger keeps its rows, without the project). Type its name to confirm.
      </p>
      <Form
        aria-label="Delete this project"
        className="mt-3 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () => api(`/api/projects/${projectId}`, { method: "DELETE", json: { confirm } }),
            "Deleting failed.",
            onDeleted,
          );
        }}
      >
        <div className="w-full sm:w-64">
          <Field
            label="Project name"
            name="delete-confirm"
            autoComplete="off"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        <Button type="submit" variant="danger" disabled={confirm !== name}>
          Delete project
        </Button>
      </Form>
    </section>
  );
}
