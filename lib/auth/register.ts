import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { withTransaction, type Ctx } from "../context";
import { conflict, validationError } from "../errors";
import { passwordProblem } from "./password-rules";
import { hashPassword } from "./passwords";
import { toPublicUser } from "./public-user";
import { RegisterInput, type PublicUser } from "./schemas";

/**
 * Creates an account. The first account (or the one matching ADMIN_EMAIL) becomes admin; role and
 * tier are never taken from the input. Registration does say when an email is taken: without
 * email delivery there is no way to hide it; login, which an attacker can repeat, never tells.
 */
export async function register({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ user: PublicUser }> {
  const parsed = RegisterInput.parse(input);
  const problem = passwordProblem(parsed.password, parsed.email);
  if (problem) throw validationError([{ field: "password", message: problem }]);
  const passwordHash = await hashPassword(parsed.password, ctx.env.auth.passwordHashCost);

  return withTransaction(ctx, async (tx) => {
    // Serializes "is this the first user?" so two simultaneous first sign-ups cannot both be admin.
    await tx.db.execute(sql`select pg_advisory_xact_lock(727001)`);
    const [existing] = await tx.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, parsed.email));
    if (existing)
      throw conflict("An account with this email already exists.", {
        fields: [{ field: "email", message: "is already registered" }],
      });
    const [{ count }] = (await tx.db.select({ count: sql<number>`count(*)::int` }).from(users)) as [
      { count: number },
    ];
    const admin = count === 0 || parsed.email === ctx.env.auth.adminEmail;
    const [user] = await tx.db
      .insert(users)
      .values({
        email: parsed.email,
        name: parsed.name,
        passwordHash,
        role: admin ? "admin" : "member",
      })
      .returning();
    await recordAudit(tx, {
      action: "auth.register",
      actorId: user!.id,
      targetType: "user",
      targetId: user!.id,
      metadata: { role: user!.role },
    });
    return { user: toPublicUser(user!) };
  });
}
