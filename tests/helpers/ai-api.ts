import OpenAI from "openai";
import { expect } from "vitest";
import { POST as createKey } from "@/app/api/keys/route";
import { BASE, call, randomIp } from "./http";
import { nextTransport, type ApiTransport } from "./transports";

/** A new API key of the signed-in user with these scopes (its plaintext, shown once). */
export async function apiKey(cookie: string, scopes: string[] = ["read", "write"]) {
  const res = await call(createKey, "/api/keys", { json: { name: "sdk", scopes }, cookie });
  expect(res.status).toBe(201);
  return (await res.json()).key as string;
}

/** The official OpenAI SDK, its fetch wired to the API through `transport` (both are real). */
export function openaiClient(key: string, transport: ApiTransport = nextTransport) {
  const ip = randomIp();
  return new OpenAI({
    apiKey: key,
    baseURL: `${BASE}/api/v1`,
    maxRetries: 0,
    fetch: async (url, init) => {
      const req = new Request(url as string, {
        ...(init as RequestInit),
        headers: { ...Object.fromEntries(new Headers(init?.headers)), "x-forwarded-for": ip },
      });
      return transport.fetch(req);
    },
  });
}
