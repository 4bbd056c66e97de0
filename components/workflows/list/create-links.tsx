import Link from "next/link";
import { primaryLink, secondaryLink } from "./link-styles";

/** "New workflow" and "Import" (into one project when given), for callers who may create. */
export function CreateLinks({ projectId }: { projectId?: string }) {
  const query = projectId ? `?projectId=${encodeURIComponent(projectId)}` : "";
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={`/workflows/new${query}`} className={primaryLink}>
        New workflow
      </Link>
      <Link href={`/workflows/new/import${query}`} className={secondaryLink}>
        Import JSON
      </Link>
    </div>
  );
}
