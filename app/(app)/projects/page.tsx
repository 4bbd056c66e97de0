import type { Metadata } from "next";
import { ProjectList } from "@/components/projects/project-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  await requirePageUser("/projects");
  return (
    <>
      <PageHeader
        title="Projects"
        description="The containers for your team's chats, and soon documents, typed databases and workflows. Invite teammates as owners, editors or viewers."
      />
      <ProjectList />
    </>
  );
}
