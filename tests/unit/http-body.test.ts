import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";

function post(
  body: BodyInit | null,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  return new Request("http://localhost/api/x", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("readJsonBody", () => {
  it("parses JSON", async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
  });

  it("accepts +json media types", async () => {
    expect(
      await readJsonBody(post("{}", { "content-type": "application/merge-patch+json" })),
    ).toEqual({});
  });

  it("malformed JSON is a 400 that says so", async () => {
    const err = await failure(readJsonBody(post('{"a":')));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^Malformed JSON: /);
  });

  it("an empty body is a 400", async () => {
    expect((await failure(readJsonBody(post("")))).code).toBe("bad_request");
  });

  it("another content type is a 415", async () => {
    expect(
      (
        await failure(
          readJsonBody(post("a=1", { "content-type": "application/x-www-form-urlencoded" })),
        )
      ).status,
    ).toBe(415);
  });

  it("refuses a declared oversize body before reading it", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const req = post(stream, {
      "content-type": "application/json",
      "content-length": String(10 * 1024 * 1024),
    });
    const err = await failure(readJsonBody(req, 1024 * 1024));
    expect(err.status).toBe(413);
    expect(err.details).toMatchObject({ limitBytes: 1024 * 1024 });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading an undeclared (chunked) body at the cap", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        if (sent > 50 * 1024 * 1024) controller.close();
      },
    });
    const err = await failure(readJsonBody(post(stream), 256 * 1024));
    expect(err.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("a body whose stream fails midway (the client hung up) is the client's 400, never a 5xx", async () => {
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(new TextEncoder().encode('{"half":'));
        } else controller.error(new TypeError("terminated"));
      },
    });
    const err = await failure(readJsonBody(post(stream), 1024));
    expect(err.status).toBe(400);
    expect(err.message).toBe("The connection closed before the whole body arrived.");
  });
});
