"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getPageCtx } from "@/lib/auth/page-session";
import { isUuid } from "@/lib/ids";
import {
  decideApprovalWithForm,
  type DecisionFormState,
} from "@/lib/workflows/approvals/decide-form";

// POST (server action, from the inbox's Approve / Reject form) – decide an approval
export async function decideApprovalAction(
  _previous: DecisionFormState,
  form: FormData,
): Promise<DecisionFormState> {
  const ctx = await getPageCtx();
  const state = await decideApprovalWithForm(ctx, form);
  // Someone else was faster (or the run ended): the list itself is out of date, so show it anew.
  if (state.stale) redirect("/approvals?decided=stale");
  if (!state.done) return state;
  // The inbox and the navigation's count both change: every layout renders again.
  revalidatePath("/", "layout");
  const workflow = form.get("workflowId");
  const query = new URLSearchParams({ decided: state.done.status, run: state.done.runId });
  if (typeof workflow === "string" && isUuid(workflow)) query.set("workflow", workflow);
  redirect(`/approvals?${query}`);
}
