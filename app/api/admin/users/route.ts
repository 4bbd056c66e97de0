import { listUsers, ListUsersInput } from "@/lib/admin";
import { route } from "@/lib/http/route";

// GET /api/admin/users – all users, searchable and paged (admin)
export const GET = route({ audience: "admin", query: ListUsersInput }, async ({ ctx, query }) =>
  listUsers({ ctx, input: query }),
);
