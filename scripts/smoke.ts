/**
 * A high-level sanity pass against a RUNNING server, over HTTP only:
 *   npm run smoke -- http://127.0.0.1:3000
 * Health, a throwaway account (register, sign in), an API key and one routed completion with it
 * (against whatever provider the server is configured with), a project with a document and a
 * database with a field and a record, cache stats (admin only), then everything it made is
 * deleted again and the key revoked. No endpoint deletes a user: the account is signed out
 * everywhere and, when an admin credential is given (SMOKE_ADMIN_EMAIL, SMOKE_ADMIN_PASSWORD),
 * disabled. On a fresh installation the throwaway account is the first one, hence an admin.
 * One line per check, then `smoke: N passed, N failed, N skipped (T s)`; exit code 1 on a failure.
 */
import { randomBytes } from "node:crypto";
import { describe, expectStatus, SmokeClient } from "./smoke-client";

type Outcome = "ok" | "FAIL" | "skip";
/** Thrown by a check that does not apply (e.g. an admin-only check without an admin). */
class Skip extends Error {}

const results: Outcome[] = [];

async function check(name: string, run: () => Promise<string | void>): Promise<boolean> {
  const started = performance.now();
  let outcome: Outcome = "ok";
  let detail = "";
  try {
    detail = (await run()) ?? "";
  } catch (err) {
    outcome = err instanceof Skip ? "skip" : "FAIL";
    detail = err instanceof Error ? err.message : String(err);
    // fetch's own "fetch failed" says nothing: the cause (ECONNREFUSED, a timeout) does.
    const cause = err instanceof Error ? (err.cause as { code?: string; message?: string }) : null;
    if (cause) detail += ` (${cause.code ?? cause.message})`;
  }
  const ms = Math.round(performance.now() - started);
  results.push(outcome);
  console.log(`${outcome.padEnd(4)} ${name} (${ms} ms)${detail ? ` – ${detail}` : ""}`);
  return outcome === "ok";
}

/** Skips a check whose prerequisite failed (that failure is already counted). */
function needs<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Skip(`needs ${what}`);
  return value;
}

interface Made {
  user?: { id: string; email: string; role: string };
  signedIn?: boolean;
  key?: { id: string; key: string };
  project?: { id: string; name: string };
  documentId?: string;
  database?: { id: string; fieldId?: string };
  recordId?: string;
}

async function main(): Promise<number> {
  const arg = process.argv[2];
  if (!arg || !/^https?:\/\//.test(arg)) {
    console.error("usage: npm run smoke -- <base-url>   (e.g. http://127.0.0.1:3000)");
    return 2;
  }
  const base = arg.replace(/\/+$/, "");
  const started = performance.now();
  const me = new SmokeClient(base);
  const made: Made = {};
  const password = `smoke ${randomBytes(12).toString("base64url")} check`;
  const email = `smoke-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.com`;
  const tag = `smoke ${new Date().toISOString()}`;
  console.log(`smoke: ${base}`);

  await check("health", async () => {
    const body = expectStatus<{
      status: string;
      checks: { database: { driver?: string; latencyMs?: number } };
    }>(await me.request("GET", "/api/monitoring/health"), 200);
    const db = body.checks.database;
    if (body.status !== "ok") throw new Error(`status ${body.status}: ${JSON.stringify(body)}`);
    return `${body.status}, database ${db.driver ?? "?"} ${db.latencyMs ?? "?"} ms`;
  });

  await check("register a throwaway user", async () => {
    const res = await me.request("POST", "/api/auth/register", {
      json: { email, password, name: "Smoke test" },
    });
    const { user } = expectStatus<{ user: { id: string; email: string; role: string } }>(res, 201);
    made.user = user;
    return `${user.email} (${user.role})`;
  });

  await check("sign in", async () => {
    const user = needs(made.user, "the user");
    if (!(await me.signIn(user.email, password))) throw new Error("no session cookie was set");
    const body = expectStatus<{ user: { email: string } }>(
      await me.request("GET", "/api/auth/me"),
      200,
    );
    if (body.user.email !== user.email) throw new Error(`signed in as ${body.user.email}`);
    made.signedIn = true;
    return "session cookie works on /api/auth/me";
  });

  await check("create an API key", async () => {
    needs(made.signedIn, "a session");
    const res = await me.request("POST", "/api/keys", {
      json: { name: tag, scopes: ["read", "write"], expiresInDays: 1 },
    });
    const body = expectStatus<{ key: string; apiKey: { id: string; prefix: string } }>(res, 201);
    made.key = { id: body.apiKey.id, key: body.key };
    return `prefix ${body.apiKey.prefix}`;
  });

  await check("routed completion with the key", async () => {
    const key = needs(made.key, "an API key");
    const res = await me.request("POST", "/api/v1/chat/completions", {
      bearer: key.key,
      cookies: false,
      json: { model: "auto", messages: [{ role: "user", content: "Smoke test: answer with OK." }] },
    });
    const body = expectStatus<{ model?: string; choices?: { message?: { content?: string } }[] }>(
      res,
      200,
    );
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== "string" || content === "") throw new Error("no answer text");
    return `${body.model ?? "?"}: ${JSON.stringify(content.slice(0, 40))}`;
  });

  await check("create a project", async () => {
    needs(made.signedIn, "a session");
    const res = await me.request("POST", "/api/projects", {
      json: { name: tag, description: "made by npm run smoke; deleted at its end" },
    });
    const { project } = expectStatus<{ project: { id: string; name: string } }>(res, 201);
    made.project = { id: project.id, name: project.name };
    return project.id;
  });
  const projectPath = () => `/api/projects/${needs(made.project, "the project").id}`;

  await check("create a document", async () => {
    const res = await me.request("POST", `${projectPath()}/documents`, {
      json: {
        title: "Smoke",
        content: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "smoke" }] }],
        },
      },
    });
    const { document } = expectStatus<{ document: { id: string } }>(res, 201);
    made.documentId = document.id;
    return document.id;
  });

  await check("create a database", async () => {
    const res = await me.request("POST", `${projectPath()}/databases`, {
      json: { name: "Smoke", description: "made by npm run smoke" },
    });
    const { database } = expectStatus<{ database: { id: string } }>(res, 201);
    made.database = { id: database.id };
    return database.id;
  });
  const databasePath = () =>
    `${projectPath()}/databases/${needs(made.database, "the database").id}`;

  await check("add a field", async () => {
    const res = await me.request("POST", `${databasePath()}/schema`, {
      json: { op: "add_field", field: { name: "Title", type: "text", required: true } },
    });
    const { database } = expectStatus<{ database: { fields: { id: string; name: string }[] } }>(
      res,
      200,
    );
    const field = database.fields.find((f) => f.name === "Title");
    if (!field) throw new Error("the field is not in the schema");
    made.database!.fieldId = field.id;
    return field.id;
  });

  await check("add a record", async () => {
    const fieldId = needs(made.database?.fieldId, "the field");
    const res = await me.request("POST", `${databasePath()}/records`, {
      json: { data: { [fieldId]: "smoke" } },
    });
    const { record } = expectStatus<{ record: { id: string; data: Record<string, unknown> } }>(
      res,
      201,
    );
    if (record.data[fieldId] !== "smoke") throw new Error(`stored ${JSON.stringify(record.data)}`);
    made.recordId = record.id;
    return record.id;
  });

  // Admin-only: with SMOKE_ADMIN_* (or when the throwaway user is the installation's first
  // account) the stats are read; a member must get 403, which is then the whole check.
  let admin: SmokeClient | undefined;
  const adminEmail = process.env.SMOKE_ADMIN_EMAIL;
  const adminPassword = process.env.SMOKE_ADMIN_PASSWORD;
  if (adminEmail && adminPassword) {
    await check("sign in as admin (SMOKE_ADMIN_EMAIL)", async () => {
      const client = new SmokeClient(base);
      if (!(await client.signIn(adminEmail, adminPassword))) throw new Error("no session cookie");
      admin = client;
    });
  }
  await check("cache stats", async () => {
    needs(made.signedIn, "a session");
    const asAdmin = admin ?? (made.user?.role === "admin" ? me : undefined);
    const res = await (asAdmin ?? me).request("GET", "/api/cache/stats");
    if (!asAdmin) {
      expectStatus(res, 403);
      throw new Skip("not an admin (403 as it should be); set SMOKE_ADMIN_EMAIL/PASSWORD");
    }
    const body = expectStatus<{ status: string; entries: number; hitRate: number }>(res, 200);
    return `${body.status}, ${body.entries} entries, hit rate ${body.hitRate}`;
  });

  // Clean up, newest first; each step only for what was made.
  const deleted = async (path: string, json?: unknown) => {
    const res = await me.request("DELETE", path, json === undefined ? {} : { json });
    if (res.status !== 204 && res.status !== 200) throw new Error(describe(res));
  };
  if (made.recordId)
    await check("delete the record", () => deleted(`${databasePath()}/records/${made.recordId}`));
  if (made.database) await check("delete the database", () => deleted(databasePath()));
  if (made.documentId)
    await check("delete the document", () =>
      deleted(`${projectPath()}/documents/${made.documentId}`),
    );
  if (made.project)
    await check("delete the project", () =>
      deleted(projectPath(), { confirm: made.project!.name }),
    );
  if (made.key) {
    const key = made.key;
    await check("revoke the key", async () => {
      await deleted(`/api/keys/${key.id}`);
      const after = await me.request("GET", "/api/v1/models", { bearer: key.key, cookies: false });
      expectStatus(after, 401);
      return "refused afterwards (401)";
    });
  }
  let userNote = "";
  if (made.signedIn) {
    await check("sign the user out everywhere", async () => {
      expectStatus(await me.request("POST", "/api/auth/logout-everywhere"), 204);
    });
    userNote = `; user ${made.user!.email} left in place (no endpoint deletes users)`;
    if (admin && made.user) {
      const id = made.user.id;
      const ok = await check("disable the user (admin)", async () => {
        expectStatus(
          await admin!.request("PATCH", `/api/admin/users/${id}`, { json: { disabled: true } }),
          200,
        );
      });
      if (ok) userNote += ", disabled";
    }
  }

  const count = (o: Outcome) => results.filter((r) => r === o).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const skipped = count("skip") ? `, ${count("skip")} skipped` : "";
  console.log(
    `smoke: ${count("ok")} passed, ${count("FAIL")} failed${skipped} (${seconds} s)${userNote}`,
  );
  return count("FAIL") > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error("smoke: crashed:", err);
    process.exit(1);
  },
);
