import ipaddr from "ipaddr.js";
import type { Actor } from "../context";
import type { Env } from "../env";
import type { RateLimitRule } from "./types";

/**
 * Route classes: `auth` (login/register: strict, per client IP, for everyone), `api` (the tier's
 * budget), `ai` (the tier's budget, counted separately so chat cannot starve the rest of the API).
 */
export type RouteClass = "api" | "auth" | "ai";

const WINDOW = 60;

/** IPv6 clients usually hold a whole /64: counting per address would hand out endless fresh keys. */
function ipKeyOf(ip: string | undefined): string {
  if (!ip) return "ip:unknown";
  if (!ip.includes(":")) return `ip:${ip}`;
  try {
    return `ip6:${ipaddr.IPv6.parse(ip)
      .parts.slice(0, 4)
      .map((p) => p.toString(16))
      .join(":")}::/64`;
  } catch {
    return `ip:${ip}`;
  }
}

/** The rule and key for one request, or null when the caller is exempt (admins outside `auth`). */
export function rateLimitFor(
  cls: RouteClass,
  actor: Actor,
  ip: string | undefined,
  env: Env,
): { rule: RateLimitRule; key: string } | null {
  const ipKey = ipKeyOf(ip);
  if (cls === "auth")
    return {
      rule: { name: "auth", points: env.rateLimits.auth, windowSeconds: WINDOW },
      key: ipKey,
    };
  // Jobs are the platform's own work, throttled where they are scheduled, not here.
  if (actor.kind === "system") return null;
  if (actor.kind === "anonymous")
    return {
      rule: { name: `${cls}:anonymous`, points: env.rateLimits.anonymous, windowSeconds: WINDOW },
      key: ipKey,
    };
  if (actor.role === "admin") return null;
  const tier = actor.tier === "premium" ? "premium" : "authenticated";
  return {
    rule: { name: `${cls}:${tier}`, points: env.rateLimits[tier], windowSeconds: WINDOW },
    key: `user:${actor.userId}`,
  };
}

/** The login lockout: after N failures for one account within the window, refuse it for a while. */
export function loginFailureRule(env: Env): RateLimitRule {
  return {
    name: "login-fail",
    points: env.auth.loginMaxFailures,
    windowSeconds: env.auth.lockoutSeconds,
    blockSeconds: env.auth.lockoutSeconds,
  };
}
