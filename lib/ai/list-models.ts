import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { catalogueView, type ModelView, type ProviderStatus } from "./catalogue-view";

export type { ModelView, ProviderStatus } from "./catalogue-view";

/**
 * What the caller can route to: enabled catalogue models whose provider is configured, plus each
 * provider's status and how to add the missing ones (the chat's empty state shows this).
 */
export async function listModels({
  ctx,
}: {
  ctx: Ctx;
}): Promise<{ models: ModelView[]; providers: ProviderStatus[] }> {
  requireUser(ctx, { scope: "read" });
  return catalogueView(ctx, false);
}
