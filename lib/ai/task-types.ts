export const TASK_TYPES = [
  "chat",
  "code",
  "summarize",
  "analysis",
  "creative",
  "extraction",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
}
