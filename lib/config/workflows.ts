/** The workflow engine's settings (WORKFLOW_*, CRON_SECRET), from the validated variables. */
export interface WorkflowSettings {
  /** WORKFLOW_HTTP_ALLOW as given (the http node's client parses it). */
  httpAllow: string;
  /** This process works runs from the queue (off: it only enqueues them). */
  worker: boolean;
  concurrency: number;
  maxRunsInFlight: number;
  runMaxSeconds: number;
  cronSecret?: string;
}

export function workflowSettings(v: {
  WORKFLOW_HTTP_ALLOW?: string;
  WORKFLOW_WORKER?: "on" | "off";
  WORKFLOW_CONCURRENCY: number;
  WORKFLOW_MAX_RUNS_IN_FLIGHT: number;
  WORKFLOW_RUN_MAX_SECONDS: number;
  CRON_SECRET?: string;
}): WorkflowSettings {
  return {
    httpAllow: v.WORKFLOW_HTTP_ALLOW ?? "",
    worker: (v.WORKFLOW_WORKER ?? "on") === "on",
    concurrency: v.WORKFLOW_CONCURRENCY,
    maxRunsInFlight: v.WORKFLOW_MAX_RUNS_IN_FLIGHT,
    runMaxSeconds: v.WORKFLOW_RUN_MAX_SECONDS,
    cronSecret: v.CRON_SECRET,
  };
}
