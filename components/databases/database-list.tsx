"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { DatabaseView } from "@/lib/databases";
import { plural } from "./grid-text";

/** A project's databases; editors create one by name and land in its grid. */
export function DatabaseList({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const router = useRouter();
  const { data, error } = useApi<{ databases: DatabaseView[] }>(
    `/api/projects/${projectId}/databases`,
    "Could not load the databases.",
  );
  const [name, setName] = useState("");
  const [createError, setCreateError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      const { database } = await api<{ database: DatabaseView }>(
        `/api/projects/${projectId}/databases`,
        { method: "POST", json: { name } },
      );
      router.push(`/projects/${projectId}/databases/${database.id}`);
    } catch (err) {
      setCreateError(
        err instanceof ApiError
          ? (Object.values(err.fields)[0] ?? err.message)
          : "Creating the database failed.",
      );
    }
  }

  return (
    <div className="space-y-3">
      {(error || createError) && <Alert>{error ?? createError}</Alert>}
      {!data && !error && (
        <p className="text-sm text-zinc-500" aria-busy="true">
          Loading databases…
        </p>
      )}
      {data?.databases.length === 0 && <p className="text-sm text-zinc-500">No databases yet.</p>}
      {data && data.databases.length > 0 && (
        <ul aria-label="Databases" className="grid gap-2 sm:grid-cols-2">
          {data.databases.map((d) => (
            <li key={d.id}>
              <Link
                href={`/projects/${projectId}/databases/${d.id}`}
                className="block rounded-xl border border-zinc-200 px-3 py-2 outline-none hover:border-indigo-300 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800"
              >
                <span className="block text-sm font-medium">{d.name}</span>
                <span className="text-xs text-zinc-500">
                  {plural(d.recordCount ?? 0, "record")} · {plural(d.fields.length, "field")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          onSubmit={create}
          aria-label="New database"
          className="flex flex-wrap items-end gap-2"
        >
          <label className="grid gap-1 text-xs font-medium">
            Database name
            <Input
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <Button type="submit">Create database</Button>
        </form>
      )}
    </div>
  );
}
