export { changePassword, getCurrentUser, logoutEverywhere } from "./account";
export { requireAdmin, requireUser } from "./authorize";
export { register } from "./register";
export { sessionCookieFor, clearedSessionCookie } from "./cookies";
