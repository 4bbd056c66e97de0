import { randomUUID } from "node:crypto";
import type { HeaderReader } from "../context";

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a well-formed incoming id (from proxy.ts or a load balancer) so logs correlate; else makes one. */
export function requestIdFrom(headers: HeaderReader): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
}
