import OpenAI from "openai";
import { expect } from "vitest";
import { POST as createKey } from "@/app/api/keys/route";
import { POST as v1Chat } from "@/app/api/v1/chat/completions/route";
import { GET as v1Models } from "@/app/api/v1/models/route";
import { BASE, call, randomIp } from "./http";

/** A new API key of the signed-in user with these scopes (its plaintext, shown once). */
export async function apiKey(cookie: string, scopes: string[] = ["read", "write"]) {
  const res = await call(createKey, "/api/keys", { json: { name: "sdk", scopes }, cookie });
  expect(res.status).toBe(201);
  return (await res.json()).key as string;
}

/** The official OpenAI SDK, its fetch wired to the real route handlers in-process. */
export function openaiClient(key: string) {
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
      const { pathname } = new URL(req.url);
      if (pathname === "/api/v1/chat/completions")
        return v1Chat(req, { params: Promise.resolve({}) });
      if (pathname === "/api/v1/models") return v1Models(req, { params: Promise.resolve({}) });
      return new Response("not found", { status: 404 });
    },
  });
}
