import { afterAll, expect, test } from "vitest";
import { openPglite, openPostgres } from "@/db/client";

// The job queue (pg-boss) sends whole transactions as one parameterless text (BEGIN; lock; …;
// COMMIT;). When a statement in one fails — two instances creating the same queue at once —
// the server skips the rest, COMMIT included, and the connection is left inside an aborted
// transaction. It must not go back to the pool like that: every later query on it would fail
// ("current transaction is aborted"), i.e. the app's next sign-in or key answers 500. The real
// server is always here (CI starts it), whichever database the rest of the suite runs on.
const handle = openPostgres({
  url: "postgres://postgres@127.0.0.1:5432/postgres",
  // One connection: the query after the failed transaction gets the very same one.
  poolMax: 1,
  idleTimeoutSeconds: 0,
  maxLifetimeSeconds: 0,
  connectTimeoutSeconds: 5,
});
afterAll(() => handle.close());

test("a failed multi-statement transaction is rolled back before its connection is reused", async () => {
  await expect(handle.executeSql("BEGIN; SELECT 1/0; COMMIT;")).rejects.toThrow(/division by zero/);
  // Parameterless (the reserved-connection path) and with parameters (the pool's).
  expect((await handle.executeSql("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  expect((await handle.executeSql("SELECT $1::int AS two", [2])).rows).toEqual([{ two: 2 }]);
});

test("a transaction that succeeds leaves the connection idle and usable", async () => {
  await handle.executeSql("BEGIN; SELECT 1; COMMIT;");
  expect((await handle.executeSql("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
});

test("the embedded database (one session for everything) rolls a failed transaction back too", async () => {
  const pglite = await openPglite({});
  try {
    await expect(pglite.executeSql("BEGIN; SELECT 1/0; COMMIT;")).rejects.toThrow(
      /division by zero/,
    );
    expect((await pglite.executeSql("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect((await pglite.executeSql("SELECT $1::int AS two", [2])).rows).toEqual([{ two: 2 }]);
  } finally {
    await pglite.close();
  }
});
