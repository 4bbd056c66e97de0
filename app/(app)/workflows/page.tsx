import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Workflows" };

export default function WorkflowsPage() {
  return (
    <ComingSoon
      href="/workflows"
      plans={[
        "Drag, connect and configure LLM, condition, HTTP, database and approval steps.",
        "Run workflows on the server with live status per step.",
        "Trigger them by hand, by webhook or on a schedule.",
      ]}
    />
  );
}
