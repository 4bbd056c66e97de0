"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { checkFields, formErrors, type FormErrors } from "@/components/lib/field-errors";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import type { ProjectSummary } from "@/lib/projects/schemas";

interface Page {
  projects: ProjectSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const LABELS = { name: "Name", description: "Description" };
const NONE: FormErrors = { fields: {}, form: null };

const STATUSES = [
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "All" },
] as const;

function CreateProject({ onCreated }: { onCreated: (p: ProjectSummary) => void }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields = checkFields([["name", LABELS.name, !name.trim() && "is required"]]);
    setErrors({ fields, form: null });
    if (Object.keys(fields).length) return;
    setBusy(true);
    try {
      const { project } = await api<{ project: ProjectSummary }>("/api/projects", {
        method: "POST",
        json: { name, description },
      });
      setName("");
      setDescription("");
      onCreated(project);
    } catch (err) {
      setErrors(formErrors(err, LABELS, "Creating the project failed."));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form
      onSubmit={submit}
      aria-label="New project"
      className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
    >
      <Field
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.name}
        required
        maxLength={120}
      />
      <Field
        label="Description"
        name="description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.fields.description}
        maxLength={2000}
        hint="Optional"
      />
      <Button type="submit" busy={busy} className="sm:mb-[1.375rem]">
        Create project
      </Button>
      {errors.form && (
        <div className="sm:col-span-3">
          <Alert>{errors.form}</Alert>
        </div>
      )}
    </Form>
  );
}

/** The caller's projects: search, status filter, paging, and a form to create one. */
export function ProjectList() {
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<(typeof STATUSES)[number]["value"]>("active");
  const [page, setPage] = useState(1);
  const { data, error, reload } = useApi<Page>(
    `/api/projects?${new URLSearchParams({ q, status, page: String(page) })}`,
    "Could not load your projects.",
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div className="space-y-6">
      <section
        aria-labelledby="new-project"
        className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="new-project" className="mb-3 text-sm font-semibold">
          New project
        </h2>
        <CreateProject onCreated={() => (setStatus("active"), setPage(1), reload())} />
      </section>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="block w-full max-w-xs text-sm">
          <span className="font-medium">Search projects</span>
          <Input
            type="search"
            variant="lg"
            value={q}
            onChange={(e) => (setQ(e.target.value), setPage(1))}
            placeholder="Name"
            className="mt-1 block w-full"
          />
        </label>
        <div
          role="group"
          aria-label="Status"
          className="flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800"
        >
          {STATUSES.map((s) => (
            <button
              key={s.value}
              type="button"
              aria-pressed={status === s.value}
              onClick={() => (setStatus(s.value), setPage(1))}
              className={`rounded-md px-3 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${status === s.value ? "bg-white font-medium shadow-sm dark:bg-zinc-900" : "text-zinc-600 dark:text-zinc-400"}`}
            >
              {s.label}
            </button>
          ))}
        </div>
      </div>
      {error && <Alert>{error}</Alert>}
      {!data && !error && (
        <p className="text-sm text-zinc-500" aria-busy="true">
          Loading projects…
        </p>
      )}
      {data?.projects.length === 0 && (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700">
          {q
            ? `No project matches “${q}”.`
            : status === "archived"
              ? "No archived projects."
              : "No projects yet. Create the first one above."}
        </p>
      )}
      {data && data.projects.length > 0 && (
        <ul aria-label="Projects" className="grid gap-3 sm:grid-cols-2">
          {data.projects.map((p) => (
            <li key={p.id} className="min-w-0">
              <Link
                href={`/projects/${p.id}`}
                className="block h-full rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm outline-none transition hover:border-indigo-300 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
              >
                <span className="flex items-start justify-between gap-2">
                  <span className="min-w-0 font-medium wrap-anywhere">{p.name}</span>
                  <span className="flex shrink-0 gap-1">
                    {p.archivedAt && <Badge>archived</Badge>}
                    <Badge tone="info">{p.role}</Badge>
                  </span>
                </span>
                <span className="mt-1 line-clamp-2 block text-sm text-zinc-600 wrap-anywhere dark:text-zinc-400">
                  {p.description || "No description."}
                </span>
                <span className="mt-3 block text-xs text-zinc-500">
                  {p.memberCount} member{p.memberCount === 1 ? "" : "s"} · updated{" "}
                  {new Date(p.updatedAt).toLocaleDateString()}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {data && pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-2 text-sm">
          <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page} of {pages}
          </span>
          <Button variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
