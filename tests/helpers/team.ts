import type { Db } from "@/db/client";
import type { Ctx, UserActor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { addMember, createProject } from "@/lib/projects";
import { userCtx } from "./db";

export type Who = "owner" | "editor" | "viewer" | "outsider";
/** The four roles of a role × operation matrix, in the order the tests list them. */
export const WHO: readonly Who[] = ["owner", "editor", "viewer", "outsider"];
export type UserCtx = Ctx & { actor: UserActor };

/**
 * A project with one member of each role (made by the real services, so membership is what the
 * app would write), a user outside it, and a spare user who is nobody yet (someone to invite).
 * `as[who]` suits tables over the roles; the same contexts are also flat fields.
 */
export async function projectTeam(db: Db, name = "Team", description = "") {
  const owner = await userCtx(db);
  const editor = await userCtx(db);
  const viewer = await userCtx(db);
  const outsider = await userCtx(db);
  const spare = await userCtx(db);
  const { project } = await createProject({ ctx: owner, input: { name, description } });
  for (const [member, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const)
    await addMember({
      ctx: owner,
      input: { projectId: project.id, email: member.actor.email, role },
    });
  const as: Record<Who, UserCtx> = { owner, editor, viewer, outsider };
  return { project, as, owner, editor, viewer, outsider, spare };
}
export type ProjectTeam = Awaited<ReturnType<typeof projectTeam>>;

/** "ok", or the HTTP status of the AppError it failed with; any other failure is rethrown. */
export const outcome = (p: Promise<unknown>): Promise<"ok" | number> =>
  p.then(
    () => "ok" as const,
    (e: unknown) => {
      if (e instanceof AppError) return e.status;
      throw e;
    },
  );
