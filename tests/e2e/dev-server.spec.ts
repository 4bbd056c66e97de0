import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startNext, waitForHttp } from "./helpers/next-server";

// `npm run dev` is the same server entry with --dev: Next.js in development mode (Turbopack,
// HMR) behind the gateway. Pages compile on demand, the gateway answers without Next.js, and
// the HMR WebSocket upgrade reaches Next.js's dev server through our http.Server.
const PORT = 3249;
const BASE = `http://127.0.0.1:${PORT}`;
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** Sends a WebSocket upgrade request; resolves with the answer's status and headers. */
function upgrade(
  pathname: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; key: string }> {
  const key = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE}${pathname}`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-key": key,
        "sec-websocket-version": "13",
        origin: BASE,
      },
    });
    req.once("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode!, headers: res.headers, key });
    });
    req.once("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers, key });
    });
    req.once("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("no answer to the upgrade")));
    req.end();
  });
}

test("the dev server (--dev) serves pages, answers the gateway itself and upgrades the HMR socket", async () => {
  test.setTimeout(120_000);
  // As `npm run dev` does: bundle the entry from the current source first.
  execFileSync(process.execPath, ["scripts/build-server.mjs"], {
    cwd: path.join(__dirname, "../.."),
  });
  const server = startNext(
    PORT,
    { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-e2e-dev-")), LOG_LEVEL: "warn" },
    ["--dev"],
  );
  try {
    const login = await waitForHttp(server, `${BASE}/login`, 90_000);
    expect(login.status).toBe(200);
    expect(login.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await login.text()).toContain("<html");

    const anonymous = await fetch(`${BASE}/api/v1/models`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: {
        message: "Sign in or send an API key (Authorization: Bearer …).",
        type: "authentication_error",
        param: null,
        code: "invalid_api_key",
      },
    });
    expect(Object.fromEntries(anonymous.headers)).toMatchObject({
      "content-type": "application/json",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "cross-origin-opener-policy": "same-origin",
      // Development: no HSTS, and the dev client's eval and WebSocket allowed.
      "content-security-policy": expect.stringMatching(
        /script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'unsafe-eval'.*connect-src 'self' ws: wss:/,
      ),
    });
    expect(anonymous.headers.get("strict-transport-security")).toBeNull();
    expect(anonymous.headers.get("x-request-id")).toMatch(/.+/);

    // Next.js 16 (Turbopack) dev clients connect to /_next/hmr.
    const hmr = await upgrade("/_next/hmr?id=e2e");
    expect(hmr.status).toBe(101);
    expect(hmr.headers.upgrade?.toLowerCase()).toBe("websocket");
    expect(hmr.headers["sec-websocket-accept"]).toBe(
      createHash("sha1")
        .update(hmr.key + WS_GUID)
        .digest("base64"),
    );
  } finally {
    await server.stop();
  }
});
