"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { PublicUser } from "@/lib/auth/schemas";

interface Page {
  users: PublicUser[];
  total: number;
  page: number;
  pageSize: number;
}

export function UsersTable({ selfId }: { selfId: string }) {
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [actionError, setActionError] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<PublicUser | null>(null);
  const [busy, setBusy] = useState(false);
  const {
    data,
    error: loadError,
    reload,
  } = useApi<Page>(
    `/api/admin/users?${new URLSearchParams({ q, page: String(page) })}`,
    "Could not load users.",
  );
  const error = actionError ?? loadError;

  async function update(
    user: PublicUser,
    patch: Partial<Pick<PublicUser, "role" | "tier">> & { disabled?: boolean },
  ) {
    try {
      await api(`/api/admin/users/${user.id}`, { method: "PATCH", json: patch });
      setActionError(null);
    } catch (err) {
      setActionError(err instanceof ApiError ? err.message : "The change failed.");
    }
    reload();
  }

  async function confirmDisable() {
    if (!disabling) return;
    setBusy(true);
    await update(disabling, { disabled: true });
    setBusy(false);
    setDisabling(null);
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div className="space-y-4">
      <label className="block max-w-xs text-sm">
        <span className="font-medium">Search users</span>
        <Input
          type="search"
          variant="lg"
          value={q}
          onChange={(e) => (setQ(e.target.value), setPage(1))}
          placeholder="Email or name"
          className="mt-1 block w-full"
        />
      </label>
      {error && <Alert>{error}</Alert>}
      {!data && !error && (
        <p className="text-sm text-zinc-500" aria-busy="true">
          Loading users…
        </p>
      )}
      {data?.users.length === 0 && <p className="text-sm text-zinc-500">No users match “{q}”.</p>}
      {data && data.users.length > 0 && (
        <DataTable headers={["User", "Role", "Tier", "Status", { label: "Actions", hidden: true }]}>
          {data.users.map((u) => {
            const self = u.id === selfId;
            return (
              <tr key={u.id} data-testid={`user-row-${u.email}`}>
                <td className="min-w-44 py-2 pr-4 wrap-anywhere">
                  <span className="block font-medium">{u.email}</span>
                  <span className="text-xs text-zinc-500">
                    {u.name || "—"} · joined {new Date(u.createdAt).toLocaleDateString()}
                  </span>
                </td>
                <td className="py-2 pr-4">
                  <Select
                    variant="sm"
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={self}
                    onChange={(e) => update(u, { role: e.target.value as PublicUser["role"] })}
                  >
                    <option value="admin">admin</option>
                    <option value="member">member</option>
                    <option value="viewer">viewer</option>
                  </Select>
                </td>
                <td className="py-2 pr-4">
                  <Select
                    variant="sm"
                    aria-label={`Tier of ${u.email}`}
                    value={u.tier}
                    disabled={self}
                    onChange={(e) => update(u, { tier: e.target.value as PublicUser["tier"] })}
                  >
                    <option value="free">free</option>
                    <option value="premium">premium</option>
                  </Select>
                </td>
                <td className="py-2 pr-4">
                  {u.disabled ? (
                    <Badge tone="danger">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </td>
                <td className="py-2 text-right">
                  {!self && (
                    <Button
                      size="sm"
                      variant={u.disabled ? "secondary" : "danger-quiet"}
                      // Disabling ends sessions at once: asked first. Enabling undoes it, so it is not.
                      onClick={() =>
                        u.disabled ? update(u, { disabled: false }) : setDisabling(u)
                      }
                      aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <ConfirmDialog
        open={disabling !== null}
        title={`Disable ${disabling?.email ?? ""}?`}
        confirmLabel="Disable user"
        busy={busy}
        onConfirm={() => void confirmDisable()}
        onCancel={() => setDisabling(null)}
      >
        They are signed out at once on every device, cannot sign in, and their API keys stop working
        until an admin enables the account again. Nothing of theirs is deleted.
      </ConfirmDialog>
      {data && pages > 1 && (
        <nav aria-label="User pages" className="flex items-center gap-2 text-sm">
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
