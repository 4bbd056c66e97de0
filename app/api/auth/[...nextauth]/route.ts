import { authJsGet, authJsPost } from "@/lib/auth/auth-route";

export const dynamic = "force-dynamic";

// GET /api/auth/* – Auth.js endpoints (csrf, session, providers)
export const GET = authJsGet;

// POST /api/auth/* – Auth.js endpoints (callback/credentials = sign in), rate-limited and size-capped
export const POST = authJsPost;
