import { z } from "zod";
import { idInput } from "../ids";

export const SCOPES = ["read", "write", "admin"] as const;

export const CreateApiKeyInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "is required" })
      .max(100, { error: "must be at most 100 characters" })
      .describe("A label to recognise the key by"),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1, { error: "needs at least one scope" })
      .default(["read"])
      .describe("What the key may do: read, write, admin"),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullable()
      .default(null)
      .describe("Days until the key stops working; null for never"),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const ApiKeyId = z.uuid({ error: "is not a valid key id" });
/** Malformed, unknown and someone else's key ids are "not found" alike. */
export const RevokeApiKeyInput = z.object({ id: idInput("The key's id") }).strict();

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
