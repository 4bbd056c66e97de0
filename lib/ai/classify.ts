import type { ChatMessage, TaskType } from "./task-types";

/**
 * Task classification by fast deterministic heuristics: no network, no model, well under a
 * millisecond. Weighted signals are scored per task type on the last user message (and, at 3/4 weight,
 * the system prompt); the best score wins if it clears a floor, else "chat". Confidence reflects
 * how clearly the winner beat the runner-up, and the reason names the signals that fired.
 */

interface Signal {
  task: Exclude<TaskType, "chat">;
  weight: number;
  name: string;
  test: (text: string, length: number) => boolean;
}

const re = (pattern: RegExp) => (text: string) => pattern.test(text);

const SIGNALS: Signal[] = [
  { task: "code", weight: 3, name: "code block", test: re(/```|^( {4}|\t)\S/m) },
  {
    task: "code",
    weight: 2,
    name: "code keywords",
    test: re(
      /\b(function|def|class|import|const|let|var|return|async|await|public static|#include|SELECT\s.+\sFROM)\b/,
    ),
  },
  {
    task: "code",
    weight: 2,
    name: "programming request",
    test: re(
      /\b(code|bug|debug|refactor|compile|stack ?trace|exception|regex|unit tests?|typescript|javascript|python|rust|golang|java|sql|bash|script|api endpoint|function that)\b/i,
    ),
  },
  {
    task: "code",
    weight: 2,
    name: "error trace",
    test: re(
      /\b(TypeError|SyntaxError|ReferenceError|NullPointerException|Traceback \(most recent call last\)|segmentation fault)\b/,
    ),
  },
  {
    task: "summarize",
    weight: 4,
    name: "asks for a summary",
    test: re(
      /\b(summari[sz]e|summary|tl;?dr|key (points|takeaways)|condense|recap|in (a few|three|3|two|2) (sentences|bullets?|bullet points))\b/i,
    ),
  },
  { task: "summarize", weight: 1, name: "long input", test: (_t, length) => length > 4000 },
  {
    task: "extraction",
    weight: 4,
    name: "asks to extract",
    test: re(
      /\b(extract|pull out|parse|list (all|every)|find all|identify (all|the) (names|dates|entities|emails|fields))\b/i,
    ),
  },
  {
    task: "extraction",
    weight: 2,
    name: "structured output",
    test: re(/\b(as json|in json|json (object|array|schema)|csv|key[- ]value|fields?:)\b/i),
  },
  {
    task: "analysis",
    weight: 3,
    name: "asks for analysis",
    test: re(
      /\b(analy[sz]e|analysis|compare|comparison|evaluate|assess|pros and cons|trade-?offs?|root cause|why (does|did|is|are)|implications?)\b/i,
    ),
  },
  {
    task: "analysis",
    weight: 1,
    name: "numbers",
    test: re(/\d+(\.\d+)?\s?(%|percent|ms|USD|\$|EUR|k\b|million)/i),
  },
  {
    task: "creative",
    weight: 4,
    name: "creative writing",
    test: re(
      /\b(write|compose|create) (me )?(a |an )?(short )?(story|poem|song|haiku|limerick|lyrics|screenplay|tagline|slogan)\b/i,
    ),
  },
  {
    task: "creative",
    weight: 3,
    name: "ideation",
    test: re(/\b(brainstorm|imagine|invent|come up with|creative|names? for|fictional)\b/i),
  },
];

/** Below this the request stays "chat"; a single strong signal (or one from the system prompt) clears it. */
const FLOOR = 1.5;
/** The system prompt sets the scene but the user message decides: its signals count less. */
const SYSTEM_WEIGHT = 0.75;

export interface Classification {
  taskType: TaskType;
  /** 0..1: how clearly the winning type beat the others. */
  confidence: number;
  reason: string;
}

/** The ask is stated at the start or the end of a message: scanning those bounds the cost of huge inputs. */
const EDGE = 2000;
const sample = (text: string) =>
  text.length > 2 * EDGE ? `${text.slice(0, EDGE)}\n${text.slice(-EDGE)}` : text;

export function classifyTask(messages: ChatMessage[]): Classification {
  const fullUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
  const lastUser = sample(fullUser);
  const system = sample(
    messages
      .filter((m) => m.role === "system")
      .map((m) => m.content)
      .join("\n"),
  );
  const scores = new Map<TaskType, { score: number; fired: string[] }>();
  for (const s of SIGNALS) {
    const inUser = s.test(lastUser, fullUser.length);
    const inSystem = !inUser && system !== "" && s.test(system, system.length);
    if (!inUser && !inSystem) continue;
    const entry = scores.get(s.task) ?? { score: 0, fired: [] };
    entry.score += inUser ? s.weight : s.weight * SYSTEM_WEIGHT;
    entry.fired.push(inUser ? s.name : `${s.name} (system prompt)`);
    scores.set(s.task, entry);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [best, second] = ranked;
  if (!best || best[1].score < FLOOR) {
    return {
      taskType: "chat",
      confidence: best ? 0.5 : 0.6,
      reason: best
        ? `weak signals only (${best[1].fired.join(", ")}); defaulting to chat`
        : "no task signals; general chat",
    };
  }
  const margin = best[1].score - (second?.[1].score ?? 0);
  const confidence = Math.min(
    0.95,
    Math.round((0.5 + margin / (2 * best[1].score) + Math.min(best[1].score, 8) / 40) * 100) / 100,
  );
  return {
    taskType: best[0],
    confidence,
    reason: `${best[1].fired.join(", ")}${second ? `; beat ${second[0]} (${second[1].score} vs ${best[1].score})` : ""}`,
  };
}
