export { changePassword } from "./change-password";
export { getCurrentUser } from "./current-user";
export { logoutEverywhere } from "./logout-everywhere";
export { requireAdmin, requireUser } from "./authorize";
export { register } from "./register";
export { sessionCookieFor, clearedSessionCookie } from "./cookies";
export { endSession, listSessions, revokeSession } from "./sessions";
