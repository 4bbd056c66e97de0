/**
 * `npm run dev:demo`: the app in development with the bundled demo AI provider configured, so a
 * newcomer can chat at once without an API key. The demo provider speaks the real OpenAI and
 * Anthropic wire formats on loopback and answers by quoting the question; it costs nothing and
 * never leaves this machine. Everything else (database, cache, data/) is the normal embedded
 * default. Arguments go to the server entry (e.g. `npm run dev:demo -- -p 3001`); PORT works too.
 */
import { spawn } from "node:child_process";
import { lastUserText, startFakeProvider } from "../tests/helpers/fake-provider";

const DEMO_KEY = "sk-demo-local";

function demoAnswer(question: string): string {
  const asked = question.trim() || "(an empty message)";
  return [
    "This answer comes from the **demo provider** bundled with AI Assistant OS: it runs on your",
    "machine and only repeats what you send. You asked:",
    "",
    `> ${asked.split("\n").join("\n> ")}`,
    "",
    "Add a real provider (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or `GOOGLE_GENERATIVE_AI_API_KEY`",
    "in `.env.local`) and start the app with `npm run dev` for real answers.",
  ].join("\n");
}

async function main() {
  const provider = await startFakeProvider({
    apiKey: DEMO_KEY,
    chunkDelayMs: 12,
    respond: (body) => demoAnswer(lastUserText(body)),
  });
  const base = `${provider.url}/v1`;
  console.log(`demo AI provider on ${base} (OpenAI and Anthropic wire formats, no key needed)`);

  // The same server entry as `npm run dev` (bundled first, well under a second).
  const build = spawn(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });
  const built = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (built !== 0) {
    await provider.close();
    process.exit(built ?? 1);
  }
  const next = spawn(process.execPath, ["dist/server.mjs", "--dev", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {
      ...process.env,
      OPENAI_API_KEY: DEMO_KEY,
      OPENAI_BASE_URL: base,
      ANTHROPIC_API_KEY: DEMO_KEY,
      ANTHROPIC_BASE_URL: base,
    },
  });
  const stop = (signal: NodeJS.Signals) => {
    next.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code, signal) => {
    void provider.close().finally(() => process.exit(code ?? (signal ? 1 : 0)));
  });
}

void main();
