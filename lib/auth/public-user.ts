import type { User } from "@/db/schema";
import type { PublicUser } from "./schemas";

export function toPublicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    tier: u.tier,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}
