"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function SignOutEverywhere() {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    try {
      await api("/api/auth/logout-everywhere", { method: "POST" });
      router.replace("/login");
      router.refresh();
    } catch {
      setError("Could not sign out everywhere. Try again.");
      setBusy(false);
    }
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Ends every session of your account on every device, this one included. API keys keep
        working.
      </p>
      {error && <Alert>{error}</Alert>}
      {confirming ? (
        <div className="flex gap-2">
          <Button variant="danger" busy={busy} onClick={run}>
            Yes, sign out everywhere
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Sign out everywhere…
        </Button>
      )}
    </div>
  );
}
