import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Chat" };

export default function ChatPage() {
  return (
    <ComingSoon
      href="/chat"
      plans={[
        "Chat with any configured provider through one router that picks the model per task.",
        "See the task type, model, cost, latency and cache status of every answer.",
        "Stream answers, stop them, and retry with a stronger model."
      ]}
    />
  );
}
