import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { Env } from "../env";
import { sdkClient, type ProviderClient } from "./attempts";
import type { ModelInfo, ProviderId } from "./catalogue";
import { openAiWireClient } from "./openai-wire";

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

/** Which client a provider's calls take (the README's table says the same). */
export function clientKind(provider: ProviderId): "openai-wire" | "ai-sdk" {
  return provider === "openai" || provider.startsWith("compat:") ? "openai-wire" : "ai-sdk";
}

/**
 * The router's provider clients, one per model, made once: OpenAI and every OpenAI-compatible
 * endpoint through the direct wire client (pooled keep-alive connections, no SDK layers), the
 * others through the AI SDK. Both keep the same attempts, fallbacks, breaker, ledger, cache and
 * streaming contract (the API tests run against both).
 */
export function providerClientFactory(env: Env): (model: ModelInfo) => ProviderClient {
  const sdk = languageModelFactory(env);
  const made = new Map<string, ProviderClient>();
  const wireOptions = (provider: ProviderId) => {
    if (provider === "openai" && env.providers.openai)
      return {
        baseUrl: env.providers.openai.baseUrl ?? "https://api.openai.com/v1",
        apiKey: env.providers.openai.apiKey,
      };
    const compat = env.providers.compatible.find((c) => `compat:${c.name}` === provider);
    return compat && { baseUrl: compat.baseUrl, apiKey: compat.apiKey };
  };
  return (model) => {
    const key = `${model.provider}\u0000${model.id}`;
    let client = made.get(key);
    if (!client) {
      const wire =
        clientKind(model.provider) === "openai-wire" ? wireOptions(model.provider) : undefined;
      client = wire ? openAiWireClient(model.id, wire) : sdkClient(sdk(model));
      made.set(key, client);
    }
    return client;
  };
}
