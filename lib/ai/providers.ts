import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { Env } from "../env";
import type { ModelInfo, ProviderId } from "./catalogue";

/** Providers with credentials (or, for OpenAI-compatible endpoints, a base URL). No key → absent. */
export function availableProviders(env: Env): Set<ProviderId> {
  const out = new Set<ProviderId>();
  if (env.providers.openai) out.add("openai");
  if (env.providers.anthropic) out.add("anthropic");
  if (env.providers.google) out.add("google");
  for (const p of env.providers.compatible) out.add(`compat:${p.name}`);
  return out;
}

/**
 * Builds the AI SDK model for a catalogue entry. The router owns retries and timeouts, so
 * callers pass `maxRetries: 0`. OpenAI goes through `.chat()` (chat-completions, not the
 * Responses API) so OpenAI-compatible proxies work with the same code.
 */
export function languageModelFactory(env: Env): (model: ModelInfo) => LanguageModel {
  const openai =
    env.providers.openai &&
    createOpenAI({ apiKey: env.providers.openai.apiKey, baseURL: env.providers.openai.baseUrl });
  const anthropic =
    env.providers.anthropic &&
    createAnthropic({
      apiKey: env.providers.anthropic.apiKey,
      baseURL: env.providers.anthropic.baseUrl,
    });
  const google =
    env.providers.google && createGoogleGenerativeAI({ apiKey: env.providers.google.apiKey });
  const compatible = new Map(
    env.providers.compatible.map((p) => [
      `compat:${p.name}`,
      createOpenAICompatible({
        name: p.name,
        baseURL: p.baseUrl,
        apiKey: p.apiKey,
        includeUsage: true,
      }),
    ]),
  );
  return (model) => {
    if (model.provider === "openai" && openai) return openai.chat(model.id);
    if (model.provider === "anthropic" && anthropic) return anthropic(model.id);
    if (model.provider === "google" && google) return google(model.id);
    const compat = compatible.get(model.provider);
    if (compat) return compat.chatModel(model.id);
    throw new Error(`provider ${model.provider} is not configured`);
  };
}
