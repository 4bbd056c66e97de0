import { Select } from "../ui/select";
import type { ProjectSummary } from "@/lib/projects/schemas";

/** Files a new chat under a project the user may edit (its budget and ledger then apply). */
export function ProjectPicker({
  projects,
  value,
  onChange,
}: {
  projects: ProjectSummary[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label className="flex min-w-0 items-center gap-2 self-start text-xs text-zinc-600 dark:text-zinc-400">
      File this chat under
      <Select
        variant="xs"
        aria-label="Project"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="min-w-0 max-w-[14rem] truncate"
      >
        <option value="">no project</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
    </label>
  );
}
