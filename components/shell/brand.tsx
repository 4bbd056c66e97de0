import Link from "next/link";
import { SparkIcon } from "./icons";

export function Brand({
  className = "",
  onNavigate,
}: {
  className?: string;
  onNavigate?: () => void;
}) {
  return (
    <Link
      href="/"
      onClick={onNavigate}
      className={`flex items-center gap-2 rounded-lg px-2 py-1 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${className}`}
    >
      <span className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-white">
        <SparkIcon className="size-5" />
      </span>
      <span className="text-base font-semibold tracking-tight">AI Assistant OS</span>
    </Link>
  );
}
