import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <ComingSoon
      href="/admin"
      plans={[
        "Manage users, roles, tiers and API keys.",
        "Review the audit log with filters.",
        "Edit the model catalogue and routing policies."
      ]}
    />
  );
}
