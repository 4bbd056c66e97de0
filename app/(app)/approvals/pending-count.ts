import "server-only";
import { getPageCtx } from "@/lib/auth/page-session";
import { countApprovals } from "@/lib/workflows";

/** The badge is a hint: a slow database must not hold up every page for it. */
const BUDGET_MS = 400;

/**
 * How many approvals wait for the signed-in user, for the navigation's badge; null when it could
 * not be counted in time or at all (logged), so the layout renders without a badge instead of
 * failing or waiting.
 */
export async function pendingApprovalsCount(): Promise<number | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const ctx = await getPageCtx();
    const counted = countApprovals({ ctx }).then(
      (r) => r.pending,
      (err: unknown) => {
        ctx.log.warn({ err }, "counting pending approvals failed");
        return null;
      },
    );
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), BUDGET_MS);
    });
    return await Promise.race([counted, late]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
