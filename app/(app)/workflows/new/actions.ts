"use server";

import { redirect } from "next/navigation";
import { refusalState, type WorkflowFormState } from "@/components/workflows/list/form-state";
import { getPageCtx } from "@/lib/auth/page-session";
import { toAppError } from "@/lib/errors";
import { createWorkflow, importWorkflow } from "@/lib/workflows";

// Server actions of the create and import forms: plain POSTs before JavaScript loads (or without
// it); refusals come back as form state, success goes to the new workflow's editor.

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

const CREATE_LABELS = {
  projectId: "Project",
  name: "Name",
  description: "Description",
  template: "Start from",
};
const IMPORT_LABELS = { projectId: "Project", name: "Name", file: "The file", text: "The file" };

async function attempt(
  run: () => Promise<{ workflow: { id: string } }>,
  labels: Record<string, string>,
  values: Record<string, string>,
): Promise<WorkflowFormState> {
  const ctx = await getPageCtx();
  let id: string;
  try {
    id = (await run()).workflow.id;
  } catch (err) {
    const e = toAppError(err);
    if (e.status === 401) redirect("/login?next=%2Fworkflows%2Fnew");
    if (e.status >= 500) {
      ctx.log.error({ err }, "workflow form failed");
      return { values, error: "Something went wrong on our side; try again in a moment." };
    }
    return refusalState(e as Parameters<typeof refusalState>[0], labels, values);
  }
  redirect(`/workflows/${id}`);
}

// POST /workflows/new (server action) – create a blank workflow or one from a template
export async function createWorkflowAction(_previous: WorkflowFormState, form: FormData) {
  const values = {
    projectId: text(form, "projectId"),
    name: text(form, "name"),
    description: text(form, "description"),
    template: text(form, "template"),
  };
  const ctx = await getPageCtx();
  return attempt(
    () =>
      createWorkflow({
        ctx,
        input: {
          projectId: values.projectId,
          name: values.name,
          description: values.description,
          ...(values.template && { template: values.template }),
        },
      }),
    CREATE_LABELS,
    values,
  );
}

// POST /workflows/new/import (server action) – create a workflow from an export file
export async function importWorkflowAction(_previous: WorkflowFormState, form: FormData) {
  const file = form.get("file");
  const uploaded = file instanceof File && file.size > 0 ? await file.text() : "";
  const pasted = text(form, "json");
  const values = { projectId: text(form, "projectId"), name: text(form, "name"), json: pasted };
  const ctx = await getPageCtx();
  return attempt(
    () =>
      importWorkflow({
        ctx,
        input: {
          projectId: values.projectId,
          text: uploaded || pasted,
          ...(values.name.trim() && { name: values.name }),
        },
      }),
    IMPORT_LABELS,
    values,
  );
}
