import { describe, expect } from "vitest";
import { GET as systemGet } from "@/app/api/monitoring/system/route";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

const num = expect.any(Number);

describe("GET /api/monitoring/system", () => {
  dbTest(
    "admins get this process's memory (RSS, heap and its cap), CPU and event-loop delay; others 403, anonymous 401",
    async () => {
      const admin = await signedInUser("admin"); // the first user is the admin
      const member = await signedInUser("member");
      const res = await call(systemGet, "/api/monitoring/system", { cookie: admin.cookie });
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report).toEqual({
        uptimeSeconds: num,
        node: process.version,
        memory: {
          rssMb: num,
          heapUsedMb: num,
          heapTotalMb: num,
          heapLimitMb: num,
          heapCapMb: null, // vitest runs without --max-old-space-size
          externalMb: num,
          arrayBuffersMb: num,
        },
        cpu: { userMs: num, systemMs: num, cores: num, loadAverage: [num, num, num] },
        eventLoop: { p50Ms: num, p99Ms: num, maxMs: num, windowSeconds: num },
      });
      expect(report.memory.rssMb).toBeGreaterThan(report.memory.heapUsedMb);
      expect(report.memory.heapLimitMb).toBeGreaterThan(report.memory.heapUsedMb);
      expect(report.eventLoop.p99Ms).toBeGreaterThanOrEqual(report.eventLoop.p50Ms);

      const forbidden = await call(systemGet, "/api/monitoring/system", { cookie: member.cookie });
      expect(forbidden.status).toBe(403);
      expect((await call(systemGet, "/api/monitoring/system")).status).toBe(401);
    },
  );
});
