"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { PROJECT_ROLES } from "@/lib/projects/constants";
import type { ProjectMemberView } from "@/lib/projects/schemas";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The members of a project: owners change roles and remove people, anyone leaves. Owners invite
 * existing users by email, except into an archived project (the service refuses that too).
 */
export function ProjectMembers({
  projectId,
  members,
  selfId,
  owner,
  archived,
  act,
  onLeft,
}: {
  projectId: string;
  members: ProjectMemberView[];
  selfId: string;
  owner: boolean;
  archived: boolean;
  /** Runs a change, shows its error at the page level, and reloads the project. */
  act: (fn: () => Promise<unknown>, fallback: string, after?: () => void) => Promise<void>;
  onLeft: () => void;
}) {
  const url = `/api/projects/${projectId}/members`;
  const leaveOrRemove = (m: ProjectMemberView) =>
    act(
      () => api(`${url}/${m.userId}`, { method: "DELETE" }),
      "Removing failed.",
      () => m.userId === selfId && onLeft(),
    );
  return (
    <Card id="members-heading" title={`Members (${members.length})`}>
      {/* A positioned scroller keeps the hidden "Actions" header from widening a phone's page. */}
      <div className="[&_.overflow-x-auto]:relative">
        <DataTable
          headers={["Member", "Role", { label: "Actions", hidden: true }]}
          testId="members-table"
        >
          {members.map((m) => (
            <tr key={m.userId} data-testid={`member-${m.email}`}>
              <td className="py-2 pr-4">
                <span className="block max-w-32 truncate font-medium sm:max-w-none" title={m.email}>
                  {m.email}
                </span>
                <span className="text-xs text-zinc-500">
                  {m.name || "—"} · since {new Date(m.joinedAt).toLocaleDateString()}
                </span>
              </td>
              <td className="py-2 pr-4">
                {owner ? (
                  <Select
                    variant="sm"
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) =>
                      act(
                        () =>
                          api(`${url}/${m.userId}`, {
                            method: "PATCH",
                            json: { role: e.target.value },
                          }),
                        "Changing the role failed.",
                      )
                    }
                  >
                    {PROJECT_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Badge>{m.role}</Badge>
                )}
              </td>
              <td className="py-2 text-right">
                {(owner || m.userId === selfId) && (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => leaveOrRemove(m)}
                  >
                    {m.userId === selfId ? "Leave" : "Remove"}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
      {owner && !archived && <InviteForm url={url} act={act} />}
    </Card>
  );
}

function InviteForm({
  url,
  act,
}: {
  url: string;
  act: (fn: () => Promise<unknown>, fallback: string, after?: () => void) => Promise<void>;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("viewer");
  const [error, setError] = useState<string | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = email.trim();
    if (!value) return setError("Email is required.");
    if (!EMAIL.test(value))
      return setError("Email must be an email address, e.g. ada@example.com.");
    setError(undefined);
    void act(async () => {
      try {
        await api(url, { method: "POST", json: { email: value, role } });
      } catch (err) {
        // A problem with the address belongs next to the field, not at the top of the page.
        if (err instanceof ApiError && err.fields.email) {
          setError(`Email ${err.fields.email}.`);
          return;
        }
        throw err;
      }
      setEmail("");
      setRole("viewer");
    }, "The invitation failed.");
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Invite a member"
      className="mt-4 grid grid-cols-[1fr_auto] items-end gap-3 sm:grid-cols-[18rem_auto_auto] sm:items-start sm:justify-start"
    >
      <div className="col-span-2 sm:col-span-1">
        <Field
          label="Email of an existing user"
          name="invite-email"
          type="email"
          autoComplete="off"
          value={email}
          error={error}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <label className="grid gap-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Role
        <Select variant="lg" value={role} onChange={(e) => setRole(e.target.value)}>
          {PROJECT_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </label>
      <Button type="submit" className="sm:mt-6">
        Invite
      </Button>
    </form>
  );
}
