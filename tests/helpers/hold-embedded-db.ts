// Child process for the embedded-database tests: opens DATA_DIR's embedded database like the app
// does, writes one row, says "ready <pid>", and holds the database until killed or stdin closes.
import { openDatabase } from "../../lib/db";
import { users } from "../../db/schema";
import { parseEnv } from "../../lib/env";
import { createLogger } from "../../lib/log";

async function main(): Promise<void> {
  const handle = await openDatabase(
    parseEnv({ DATA_DIR: process.argv[2], ENVIRONMENT: "test" }),
    createLogger("silent"),
  );
  await handle.db
    .insert(users)
    .values({ email: `held-${process.pid}@example.com`, passwordHash: "x" });
  process.stdout.write(`ready ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void handle.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
