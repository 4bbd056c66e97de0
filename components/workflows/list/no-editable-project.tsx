import Link from "next/link";
import { primaryLink } from "./link-styles";

/** Shown instead of the create and import forms to someone who edits no active project. */
export function NoEditableProject() {
  return (
    <section
      aria-labelledby="no-project"
      className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700"
    >
      <h2 id="no-project" className="font-semibold">
        No project to add it to
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        Workflows belong to a project, and only its editors and owners create them. Create a
        project, or ask an owner to make you an editor of theirs.
      </p>
      <div className="mt-5">
        <Link href="/projects" className={primaryLink}>
          Go to projects
        </Link>
      </div>
    </section>
  );
}
