import { z } from "zod";
import { idInput, ProjectIdInput } from "../ids";
import { PROJECT_ROLES } from "@/db/schema/enums";

export { PROJECT_ROLES };
export type ProjectRole = (typeof PROJECT_ROLES)[number];

const name = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(120, { error: "must be at most 120 characters" });
const description = z.string().trim().max(2000, { error: "must be at most 2000 characters" });
const role = z.enum(PROJECT_ROLES, { error: "must be owner, editor or viewer" });

export const ProjectId = ProjectIdInput;
/** A user id in a member operation (the member's user). */
const MemberUserId = idInput("The member's user id");

// ── inputs ────────────────────────────────────────────────────────────────────────────────

export const CreateProjectInput = z
  .object({
    name: name.describe("The project's name"),
    description: description.default("").describe("What the project is for"),
  })
  .strict();
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const ListProjectsInput = z
  .object({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe("Filter by name (substring, case-insensitive)"),
    status: z
      .enum(["active", "archived", "all"], { error: "must be active, archived or all" })
      .default("active")
      .describe("Which projects to list"),
    page: z.coerce.number().int().min(1).default(1).describe("Page number, from 1"),
    pageSize: z.coerce.number().int().min(1).max(100).default(20).describe("Projects per page"),
  })
  .strict();
export type ListProjectsInput = z.infer<typeof ListProjectsInput>;

export const GetProjectInput = z.object({ id: ProjectId }).strict();
export type GetProjectInput = z.infer<typeof GetProjectInput>;

const ProjectPatch = z
  .object({
    name: name.optional().describe("New name (editors and owners)"),
    description: description.optional().describe("New description (editors and owners)"),
    archived: z
      .boolean()
      .optional()
      .describe("Archive (true) or restore (false) the project (owners)"),
  })
  .strict();
const somethingToChange = (v: z.infer<typeof ProjectPatch>) =>
  v.name !== undefined || v.description !== undefined || v.archived !== undefined;
const nothingToChange = { error: "give at least one of name, description, archived" };

/** PATCH /api/projects/:id's body: the id is the path's. */
export const UpdateProjectBody = ProjectPatch.refine(somethingToChange, nothingToChange);
export const UpdateProjectInput = ProjectPatch.extend({ id: ProjectId }).refine(
  somethingToChange,
  nothingToChange,
);
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const DeleteProjectBody = z
  .object({ confirm: z.string().describe("The project's exact name, to confirm the deletion") })
  .strict();
export const DeleteProjectInput = DeleteProjectBody.extend({ id: ProjectId });
export type DeleteProjectInput = z.infer<typeof DeleteProjectInput>;

export const AddMemberBody = z
  .object({
    email: z
      .email({ error: "must be an email address" })
      .describe("Email of an existing user to invite"),
    role: role
      .default("viewer")
      .describe("owner: manage members and delete; editor: write content; viewer: read"),
  })
  .strict();
export const AddMemberInput = AddMemberBody.extend({ projectId: ProjectId });
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export const UpdateMemberBody = z.object({ role: role.describe("The member's new role") }).strict();
export const UpdateMemberInput = UpdateMemberBody.extend({
  projectId: ProjectId,
  userId: MemberUserId,
});
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

export const RemoveMemberInput = z
  .object({
    projectId: ProjectId,
    userId: MemberUserId.describe("The member to remove (or yourself, to leave)"),
  })
  .strict();
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

// ── outputs ───────────────────────────────────────────────────────────────────────────────

export const ProjectSummary = z.object({
  id: z.string().describe("The project's id"),
  name: z.string().describe("Its name"),
  description: z.string().describe("What it is for"),
  archivedAt: z.string().nullable().describe("When it was archived (ISO 8601), or null"),
  createdAt: z.string().describe("ISO 8601"),
  updatedAt: z.string().describe("ISO 8601"),
  role: role.describe("The caller's role in it"),
  memberCount: z.number().int().describe("How many members it has"),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectMemberView = z.object({
  userId: z.string().describe("The member's user id"),
  email: z.string().describe("Their email"),
  name: z.string().describe("Their name"),
  role: role.describe("Their role in the project"),
  joinedAt: z.string().describe("ISO 8601"),
});
export type ProjectMemberView = z.infer<typeof ProjectMemberView>;

export const ProjectOutput = z.object({ project: ProjectSummary.describe("The project") });
export type ProjectOutput = z.infer<typeof ProjectOutput>;

export const ListProjectsOutput = z.object({
  projects: z.array(ProjectSummary).describe("This page of the caller's projects"),
  total: z.number().int().describe("How many match in all"),
  page: z.number().int().describe("This page's number"),
  pageSize: z.number().int().describe("Projects per page"),
});
export type ListProjectsOutput = z.infer<typeof ListProjectsOutput>;

export const GetProjectOutput = z.object({
  project: ProjectSummary.describe("The project, with the caller's role in it"),
  members: z.array(ProjectMemberView).describe("Owners first, then editors, then viewers"),
});
export type GetProjectOutput = z.infer<typeof GetProjectOutput>;

export const MembersOutput = z.object({
  members: z.array(ProjectMemberView).describe("The project's members after the change"),
});
export type MembersOutput = z.infer<typeof MembersOutput>;

export const DeleteProjectOutput = z.object({
  deleted: z
    .object({
      id: z.string().describe("The deleted project's id"),
      name: z.string().describe("Its name"),
    })
    .describe("The project that was deleted"),
});
export type DeleteProjectOutput = z.infer<typeof DeleteProjectOutput>;
