import { route } from "@/lib/http/route";
import { getProcessReport } from "@/lib/monitoring/process";

export const dynamic = "force-dynamic";

// GET /api/monitoring/system – this server process's memory (RSS, heap and its cap), CPU and event-loop delay (admin)
export const GET = route({ audience: "admin" }, async ({ ctx }) => getProcessReport({ ctx }));
