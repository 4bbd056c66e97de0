// npm run bench:classify — time of the deterministic task classifier per request (target < 1 ms),
// over a mix of short and long prompts, after a warm-up. Prints p50/p99/max in microseconds.
import { classifyTask } from "../lib/ai/classify";
import type { ChatMessage } from "../lib/ai/task-types";
import { percentile } from "./stats";

const article = "The council met on Monday to discuss the budget. ".repeat(200); // ≈ 10 KB
const prompts: ChatMessage[][] = [
  "Hi there!",
  "Write a Python function that reverses a linked list",
  `Summarize this article in three bullet points:\n${article}`,
  "Extract all email addresses and dates from the text below and return them as JSON",
  "Compare PostgreSQL and MySQL for a write-heavy workload: pros and cons",
  "Write a short poem about autumn in Kyoto",
  "TypeError: Cannot read properties of undefined (reading 'map')\n```js\nitems.map(x => x.id)\n```",
].map((content) => [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content },
]);

for (let i = 0; i < 2_000; i++) classifyTask(prompts[i % prompts.length]!);
const samples: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const t = process.hrtime.bigint();
  classifyTask(prompts[i % prompts.length]!);
  samples.push(Number(process.hrtime.bigint() - t) / 1000);
}
samples.sort((a, b) => a - b);
const pct = (p: number) => percentile(samples, p).toFixed(1);
console.log(
  `classifyTask over ${samples.length} calls (${prompts.length} prompt shapes, up to ${article.length} chars):`,
);
console.log(
  `  p50 ${pct(50)} µs   p99 ${pct(99)} µs   max ${samples.at(-1)!.toFixed(1)} µs   (target < 1000 µs)`,
);
