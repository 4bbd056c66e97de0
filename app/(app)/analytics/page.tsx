import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <ComingSoon
      href="/analytics"
      plans={[
        "Follow requests, tokens and cost over time, per provider, model and project.",
        "Compare latency percentiles per model and the cache hit rate.",
        "Export any view as CSV.",
      ]}
    />
  );
}
