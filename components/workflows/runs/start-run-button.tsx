"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { StartRunDialog } from "./start-run-dialog";

/** "Start a run" on the runs page: the run dialog, then the new run's page. */
export function StartRunButton({
  workflowId,
  triggerConfig,
  published,
}: {
  workflowId: string;
  triggerConfig: Record<string, unknown> | null;
  published: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Start a run</Button>
      {open && (
        <StartRunDialog
          workflowId={workflowId}
          triggerConfig={triggerConfig}
          published={published}
          onClose={() => setOpen(false)}
          onStarted={(runId) => router.push(`/workflows/${workflowId}/runs/${runId}`)}
        />
      )}
    </>
  );
}
