import { z } from "zod";
import { checkTemplate, render } from "./compile";
import { StepError } from "./errors";
import type { NodeDefinition } from "./types";

export const HttpConfig = z
  .object({
    method: z
      .enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])
      .default("GET")
      .describe("HTTP method"),
    url: z
      .string()
      .min(1)
      .max(8192)
      .describe(
        "http(s) URL (template); private and local addresses are refused unless allowlisted",
      ),
    headers: z
      .record(
        z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, "is not a header name"),
        z.string().max(8192),
      )
      .default({})
      .describe("Request headers (values are templates)"),
    body: z.string().max(1_000_000).optional().describe("Request body (template)"),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(120_000)
      .default(15_000)
      .describe("Give up after this long (redirects included)"),
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(5_000_000)
      .default(1_000_000)
      .describe("Largest response body accepted"),
    responseType: z
      .enum(["auto", "json", "text"])
      .default("auto")
      .describe("auto: JSON when the response says so, else text"),
    failOnStatus: z.boolean().default(true).describe("A 4xx/5xx answer fails the step"),
  })
  .strict();
export type HttpConfig = z.infer<typeof HttpConfig>;

export const http: NodeDefinition<HttpConfig> = {
  type: "http",
  title: "HTTP request",
  description: "Calls a URL (SSRF-safe: the checked address is the one connected to).",
  config: HttpConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [{ id: "out", label: "Response" }],
  // A GET or HEAD may be repeated after a crash; anything else might have had its effect.
  idempotent: (c) => c.method === "GET" || c.method === "HEAD",
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkTemplate(config.url, "url", scope, issues);
    for (const [k, v] of Object.entries(config.headers))
      checkTemplate(v, `headers.${k}`, scope, issues);
    if (config.body !== undefined) checkTemplate(config.body, "body", scope, issues);
    return issues;
  },
  async execute(config, x) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(config.headers)) headers[k] = render(v, x.vars);
    const res = await x.effects.http(
      {
        method: config.method,
        url: render(config.url, x.vars),
        headers,
        body: config.body === undefined ? undefined : render(config.body, x.vars),
        timeoutMs: config.timeoutMs,
        maxBytes: config.maxBytes,
      },
      x.signal,
    );
    if (config.failOnStatus && res.status >= 400)
      throw new StepError("http_status", `${config.method} ${res.url} answered ${res.status}.`);
    const type = res.headers["content-type"] ?? "";
    const asJson =
      config.responseType === "json" || (config.responseType === "auto" && /\bjson\b/i.test(type));
    let body: unknown = res.body;
    if (asJson && res.body !== "") {
      try {
        body = JSON.parse(res.body);
      } catch {
        throw new StepError("http_invalid_json", `${res.url} did not answer valid JSON.`);
      }
    }
    return { output: { status: res.status, headers: res.headers, body, url: res.url } };
  },
};
