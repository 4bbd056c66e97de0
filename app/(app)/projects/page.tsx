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
        description="Where your team keeps documents, typed databases and chats together. Invite teammates as owners, editors or viewers; archive a project to make it read-only."
      />
      <ProjectList />
    </>
  );
}
