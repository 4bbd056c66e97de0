import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { users } from "@/db/schema";
import { withTransaction } from "@/lib/context";
import { dbTest } from "../helpers/db";

const EMAIL = "rollback-probe@example.com";

describe("per-test rollback", () => {
  dbTest("a write inside a test is visible in that test", async ({ db }) => {
    await db.insert(users).values({ email: EMAIL, passwordHash: "x" });
    expect(await db.select().from(users).where(eq(users.email, EMAIL))).toHaveLength(1);
  });

  dbTest("and gone in the next one", async ({ db }) => {
    expect(await db.select().from(users).where(eq(users.email, EMAIL))).toHaveLength(0);
  });
});

describe("withTransaction", () => {
  dbTest("commits the inner work into the outer transaction", async ({ ctx, db }) => {
    await withTransaction(ctx, async (tx) => {
      await tx.db.insert(users).values({ email: "inner@example.com", passwordHash: "x" });
    });
    expect(await db.select().from(users).where(eq(users.email, "inner@example.com"))).toHaveLength(
      1,
    );
  });

  dbTest(
    "a failure undoes every statement of the block, and only of the block",
    async ({ ctx, db }) => {
      await db.insert(users).values({ email: "before@example.com", passwordHash: "x" });
      const failed = withTransaction(ctx, async (tx) => {
        await tx.db.insert(users).values({ email: "half@example.com", passwordHash: "x" });
        throw new Error("second step failed");
      });
      await expect(failed).rejects.toThrow("second step failed");
      expect(await db.select().from(users).where(eq(users.email, "half@example.com"))).toHaveLength(
        0,
      );
      expect(
        await db.select().from(users).where(eq(users.email, "before@example.com")),
      ).toHaveLength(1);
    },
  );

  dbTest(
    "nests: an inner failure caught by the outer block keeps the outer writes",
    async ({ ctx, db }) => {
      await withTransaction(ctx, async (outer) => {
        await outer.db.insert(users).values({ email: "outer@example.com", passwordHash: "x" });
        await withTransaction(outer, async (inner) => {
          await inner.db.insert(users).values({ email: "nested@example.com", passwordHash: "x" });
          throw new Error("inner failed");
        }).catch(() => undefined);
      });
      const emails = (await db.select({ email: users.email }).from(users)).map((u) => u.email);
      expect(emails).toContain("outer@example.com");
      expect(emails).not.toContain("nested@example.com");
    },
  );
});
