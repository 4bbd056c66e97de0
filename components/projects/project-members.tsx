"use client";

import { api } from "@/components/lib/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/select";
import { PROJECT_ROLES } from "@/lib/projects/constants";
import type { ProjectMemberView } from "@/lib/projects/schemas";
import { InviteMember } from "./invite-member";

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
  onInvited,
  onLeft,
}: {
  projectId: string;
  members: ProjectMemberView[];
  selfId: string;
  owner: boolean;
  archived: boolean;
  /** Runs a change, shows its error at the page level, and reloads the project. */
  act: (fn: () => Promise<unknown>, fallback: string, after?: () => void) => Promise<void>;
  onInvited: () => void;
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
      {owner && !archived && (
        <InviteMember projectId={projectId} roles={PROJECT_ROLES} onInvited={onInvited} />
      )}
    </Card>
  );
}
