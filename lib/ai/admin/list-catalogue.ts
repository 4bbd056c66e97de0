import "server-only";
import { requireAdmin } from "../../auth/authorize";
import type { Ctx } from "../../context";
import { catalogueView, type ModelView, type ProviderStatus } from "../catalogue-view";

/** Admins see the whole catalogue, disabled and unavailable models included. */
export async function listCatalogue({
  ctx,
}: {
  ctx: Ctx;
}): Promise<{ models: ModelView[]; providers: ProviderStatus[] }> {
  requireAdmin(ctx);
  return catalogueView(ctx, true);
}
