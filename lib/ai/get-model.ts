import "server-only";
import { z } from "zod";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { catalogueView, type ModelView } from "./catalogue-view";

export const GetModelInput = z
  .object({ id: z.string().describe('A model id from the catalogue (ids may hold "/")') })
  .strict();
export type GetModelInput = z.infer<typeof GetModelInput>;

/** Unknown, disabled or without a configured provider: one answer, as OpenAI gives it (404). */
export function modelNotFound(id: string): AppError {
  const message = `The model "${id}" does not exist or is not available to you.`;
  return new AppError("not_found", message, {
    fields: [{ field: "model", message, code: "model_not_found" }],
  });
}

/** One model the caller can route to (the same set `listModels` lists), or model_not_found. */
export async function getModel({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ModelView> {
  requireUser(ctx, { scope: "read" });
  const { id } = GetModelInput.parse(input);
  const { models } = await catalogueView(ctx, false);
  const model = models.find((m) => m.id === id);
  if (!model) throw modelNotFound(id);
  return model;
}
