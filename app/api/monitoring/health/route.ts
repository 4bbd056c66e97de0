import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";
import { servicesOrResponse } from "@/lib/http/route";
import { checkHealth } from "@/lib/monitoring/health";

export const dynamic = "force-dynamic";

// GET /api/monitoring/health – is the app up and can it reach its database (200, or 503)
// Deliberately outside the route wrapper: it must answer even when the database cannot be opened.
export async function GET(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const services = servicesOrResponse(requestId);
  if (services instanceof Response) return services;
  const report = await checkHealth(services);
  return Response.json(report, {
    status: report.status === "error" ? 503 : 200,
    headers: { "cache-control": "no-store", [REQUEST_ID_HEADER]: requestId },
  });
}
