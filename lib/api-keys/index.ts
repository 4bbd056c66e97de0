export { createApiKey, listApiKeys, revokeApiKey } from "./service";
export { CreateApiKeyInput, type ApiKeySummary } from "./schemas";
