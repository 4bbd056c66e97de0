/**
 * Runs the test helpers' fake AI provider as a process (OpenAI + Anthropic wire formats), for the
 * browser tests and `npm run bench:gateway`. Not for production: it answers by echoing.
 *   tsx scripts/fake-provider.ts --port 3299 [--latency 10] [--chunk-delay 20]
 */
import { startFakeProvider, type RecordedCall } from "../tests/helpers/fake-provider";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};

const LONG = Array.from(
  { length: 120 },
  (_, i) => `Sentence ${i + 1} of a long story that keeps going.`,
).join(" ");

/** The newest user message (Anthropic merges consecutive user messages into parts: the last part). */
function question(body: RecordedCall["body"]): string {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  const content = last?.content;
  return typeof content === "string"
    ? content
    : Array.isArray(content)
      ? String((content.at(-1) as { text?: string })?.text ?? "")
      : "";
}

async function main() {
  const fake = await startFakeProvider({
    port: arg("port", 3299),
    latencyMs: arg("latency", 0),
    chunkDelayMs: arg("chunk-delay", 0),
    apiKey: "sk-fake",
    // "long story" asks for a long answer (to stop mid-way); everything else is echoed.
    respond: (body) => {
      const text = question(body);
      return /long story/i.test(text) ? LONG : `echo: ${text}`;
    },
    // Browser tests pick a fault with a phrase: "[slow first token]" answers after 4 s (to stop
    // before any token); "[gpt-4o-mini fails]" makes that model unknown (404), so the router falls back.
    faultFor: (body) => {
      const text = question(body);
      if (text.includes("[slow first token]")) return { kind: "delay", delayMs: 4000 };
      if (text.includes("[gpt-4o-mini fails]") && body.model === "gpt-4o-mini")
        return { kind: "status", status: 404 };
      return undefined;
    },
  });
  console.log(`fake provider listening on ${fake.url}`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
