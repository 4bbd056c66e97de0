import "server-only";
import type { Ctx } from "../../context";
import { toAppError } from "../../errors";
import { decideApproval } from "./decide";

/** What an approval's decision form shows after a submit (its fields keep what was typed). */
export interface DecisionFormState {
  /** The decision went through; the run it resumes. */
  done?: { status: "approved" | "rejected"; runId: string };
  /** Why it did not, next to the form. */
  error?: string;
  /** Nothing left to decide (decided already, run ended, or gone): the inbox is out of date. */
  stale?: boolean;
  /** A problem with the comment, next to the comment field. */
  commentError?: string;
  comment?: string;
}

const MAX_COMMENT = 2000; // DecideApprovalInput's limit

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/**
 * The inbox's Approve / Reject form (a server action, so it works before JavaScript loads): the
 * same decideApproval as the API, its refusals turned into words for the form. An unexpected
 * failure is logged and worded generically, like the API's 500.
 */
export async function decideApprovalWithForm(ctx: Ctx, form: FormData): Promise<DecisionFormState> {
  const comment = text(form, "comment");
  const decision = text(form, "decision");
  if (decision !== "approve" && decision !== "reject")
    return { comment, error: "Choose Approve or Reject." };
  if (comment.length > MAX_COMMENT)
    return { comment, commentError: `Keep the comment under ${MAX_COMMENT} characters.` };
  try {
    const { approval } = await decideApproval({
      ctx,
      input: { approvalId: text(form, "approvalId"), decision, comment },
    });
    return {
      done: { status: decision === "approve" ? "approved" : "rejected", runId: approval.runId },
    };
  } catch (err) {
    const e = toAppError(err);
    if (e.status >= 500) ctx.log.error({ err }, "deciding an approval failed");
    if (e.status === 401) return { comment, error: "Your session has ended; sign in again." };
    if (e.status === 404)
      return { comment, stale: true, error: "This approval is gone, or you can no longer see it." };
    if (e.code === "conflict") return { comment, stale: true, error: e.message };
    return { comment, error: e.message };
  }
}
