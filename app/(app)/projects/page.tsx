import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Projects" };

export default function ProjectsPage() {
  return (
    <ComingSoon
      href="/projects"
      plans={[
        "Group documents, typed databases, chats and workflows per project.",
        "Invite teammates as owners, editors or viewers.",
        "Edit rich-text documents and spreadsheet-like databases."
      ]}
    />
  );
}
