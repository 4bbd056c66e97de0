export { createApiKey } from "./create";
export { listApiKeys } from "./list";
export { revokeApiKey } from "./revoke";
export { CreateApiKeyInput, type ApiKeySummary } from "./schemas";
