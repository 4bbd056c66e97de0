import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { aiRequests } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AiRouter } from "@/lib/ai/runtime";
import type { StreamEvent, StreamHandle } from "@/lib/ai/types";
import type { Ctx } from "@/lib/context";

/** A one-message API request to the router, with any extra fields of the request. */
export const ask = (content: string, extra: object = {}) => ({
  messages: [{ role: "user" as const, content }],
  source: "api" as const,
  ...extra,
});

/** The same caller under a new request id (so each call gets its own ledger row). */
export const fresh = (ctx: Ctx): Ctx => ({ ...ctx, requestId: randomUUID() });

/** Reads a stream to its end: the text of its deltas and every event. */
export async function drain(
  handle: StreamHandle,
): Promise<{ text: string; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  for await (const e of handle.events) events.push(e);
  return { text: events.flatMap((e) => (e.type === "delta" ? [e.text] : [])).join(""), events };
}

/**
 * The ledger rows of one request, after flushing the router's queued writes. Every request,
 * whatever its outcome, writes exactly one: anything else fails here.
 */
export async function rows(router: AiRouter, db: Db, requestId: string) {
  await router.ledger.flush();
  const found = await db.select().from(aiRequests).where(eq(aiRequests.requestId, requestId));
  expect(found, `ledger rows of request ${requestId}`).toHaveLength(1);
  return found;
}
