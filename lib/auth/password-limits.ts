// Shared by the schemas (client-safe) and the hashing module (server-only).
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;
