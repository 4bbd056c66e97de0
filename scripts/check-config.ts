// npm run config:check   Validates the environment exactly as the server does at start-up and
// prints a summary; exits 1 naming each bad variable and its fix.
import "./load-env-files";
import path from "node:path";
import { loadConfigOrExit } from "../lib/startup";

const env = loadConfigOrExit();
const providers = [
  env.providers.openai && "openai",
  env.providers.anthropic && "anthropic",
  env.providers.google && "google",
  ...env.providers.compatible.map((p) => `${p.name} (OpenAI-compatible)`),
].filter(Boolean);
const database = env.databaseUrl
  ? `PostgreSQL at ${new URL(env.databaseUrl).host}`
  : `embedded PGlite in ${path.join(env.dataDir, "pg")}`;
console.log(
  [
    `Configuration OK (ENVIRONMENT=${env.environment})`,
    `  database:      ${database}`,
    `  cache:         ${env.cacheDbPath}`,
    `  CORS origins:  ${env.corsOrigins.length ? env.corsOrigins.join(", ") : "same origin only"}`,
    `  AI providers:  ${providers.length ? providers.join(", ") : "none (add OPENAI_API_KEY, ANTHROPIC_API_KEY, ... to .env)"}`,
    `  rate limits:   ${env.upstash ? "Upstash" : env.redisUrl ? "Redis" : "in-process"}`,
  ].join("\n"),
);
