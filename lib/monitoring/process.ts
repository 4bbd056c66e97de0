import "server-only";
import os from "node:os";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import v8 from "node:v8";
import { z } from "zod";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;

export const ProcessReport = z.object({
  uptimeSeconds: z.number().int().describe("Seconds since this server process started"),
  node: z.string().describe("The Node.js version"),
  memory: z
    .object({
      rssMb: z.number().describe("Resident set size: what the container's memory limit counts"),
      heapUsedMb: z.number().describe("V8 heap in use"),
      heapTotalMb: z.number().describe("V8 heap reserved"),
      heapLimitMb: z.number().describe("V8's heap size limit (the cap plus its young generation)"),
      heapCapMb: z
        .number()
        .nullable()
        .describe("HEAP_LIMIT_MB as applied at start, or null when none was (V8's default)"),
      externalMb: z.number().describe("Memory outside the heap held by JS objects (buffers)"),
      arrayBuffersMb: z.number().describe("Of which ArrayBuffers (the embedded database's memory)"),
    })
    .describe("This process's memory, in MB"),
  cpu: z
    .object({
      userMs: z.number().describe("CPU time in user mode since start"),
      systemMs: z.number().describe("CPU time in the kernel since start"),
      cores: z.number().int().describe("CPU cores the machine has"),
      loadAverage: z.array(z.number()).length(3).describe("1, 5 and 15 minute load averages"),
    })
    .describe("CPU"),
  eventLoop: z
    .object({
      p50Ms: z.number().describe("Median event-loop delay over the window"),
      p99Ms: z.number().describe("99th percentile event-loop delay over the window"),
      maxMs: z.number().describe("Longest event-loop delay over the window"),
      windowSeconds: z
        .number()
        .describe("How long the window has run (from the first report; it restarts every minute)"),
    })
    .describe("How long callbacks waited for the event loop (high: the process is overloaded)"),
});
export type ProcessReport = z.infer<typeof ProcessReport>;

/** The process's own numbers, measured where they live (one event-loop monitor per process). */
export interface ProcessStats {
  report(): ProcessReport;
  close(): void;
}

const WINDOW_MS = 60_000;

export function createProcessStats(heapCapMb: number | null): ProcessStats {
  let loop: IntervalHistogram | undefined;
  let windowStart = Date.now();
  const histogram = () => {
    if (!loop) {
      loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      windowStart = Date.now();
    }
    return loop;
  };
  // Enabled on the first report, not when the services are built (scripts and tests build them
  // too): the first report opens the window.
  return {
    report() {
      const h = histogram();
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      const windowSeconds = Math.round((Date.now() - windowStart) / 100) / 10;
      const eventLoop = {
        p50Ms: h.count ? ms(h.percentile(50)) : 0,
        p99Ms: h.count ? ms(h.percentile(99)) : 0,
        maxMs: h.count ? ms(h.max) : 0,
        windowSeconds,
      };
      if (Date.now() - windowStart >= WINDOW_MS) {
        h.reset();
        windowStart = Date.now();
      }
      return {
        uptimeSeconds: Math.floor(process.uptime()),
        node: process.version,
        memory: {
          rssMb: mb(m.rss),
          heapUsedMb: mb(m.heapUsed),
          heapTotalMb: mb(m.heapTotal),
          heapLimitMb: mb(v8.getHeapStatistics().heap_size_limit),
          heapCapMb,
          externalMb: mb(m.external),
          arrayBuffersMb: mb(m.arrayBuffers),
        },
        cpu: {
          userMs: Math.round(cpu.user / 1000),
          systemMs: Math.round(cpu.system / 1000),
          cores: os.availableParallelism(),
          loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
        },
        eventLoop,
      };
    },
    close() {
      loop?.disable();
      loop = undefined;
    },
  };
}

/** GET /api/monitoring/system: the process's memory, CPU and event-loop delay (admins only). */
export function getProcessReport({ ctx }: { ctx: Ctx }): ProcessReport {
  requireAdmin(ctx);
  return ProcessReport.parse(ctx.process.report());
}
