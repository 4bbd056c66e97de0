import { z } from "zod";
import { PROJECT_ROLES } from "@/db/schema/enums";

export { PROJECT_ROLES };
export type ProjectRole = (typeof PROJECT_ROLES)[number];

const name = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(120, { error: "must be at most 120 characters" });
const description = z.string().trim().max(2000, { error: "must be at most 2000 characters" });

export const ProjectId = z
  .uuid({ error: "is not a valid project id" })
  .describe("The project's id");

export const CreateProjectInput = z
  .object({
    name: name.describe("The project's name"),
    description: description.default("").describe("What the project is for"),
  })
  .strict();
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const UpdateProjectInput = z
  .object({
    name: name.optional().describe("New name (editors and owners)"),
    description: description.optional().describe("New description (editors and owners)"),
    archived: z
      .boolean()
      .optional()
      .describe("Archive (true) or restore (false) the project (owners)"),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.description !== undefined || v.archived !== undefined, {
    error: "give at least one of name, description, archived",
  });
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const DeleteProjectInput = z
  .object({ confirm: z.string().describe("The project's exact name, to confirm the deletion") })
  .strict();
export type DeleteProjectInput = z.infer<typeof DeleteProjectInput>;

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

export const AddMemberInput = z
  .object({
    email: z
      .email({ error: "must be an email address" })
      .describe("Email of an existing user to invite"),
    role: z
      .enum(PROJECT_ROLES, { error: "must be owner, editor or viewer" })
      .default("viewer")
      .describe("owner: manage members and delete; editor: write content; viewer: read"),
  })
  .strict();
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export const UpdateMemberInput = z
  .object({
    role: z
      .enum(PROJECT_ROLES, { error: "must be owner, editor or viewer" })
      .describe("The member's new role"),
  })
  .strict();
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The caller's role in it. */
  role: ProjectRole;
  memberCount: number;
}

export interface ProjectMemberView {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
  joinedAt: string;
}
