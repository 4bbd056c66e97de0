import { describe, expect, it } from "vitest";
import { AnswerHeaders, JsonAnswer, SseAnswer } from "@/lib/http/answer";
import { sseResponse } from "@/lib/http/sse";

describe("JsonAnswer: JSON the server entry writes directly, a Response for route handlers", () => {
  it("becomes the same Response as Response.json", async () => {
    const value = { a: "é", n: [1, 2], nested: { ok: true } };
    const ours = JsonAnswer.of(value, {
      status: 201,
      headers: { "X-Route-Model": "m" },
    }).toResponse();
    const web = Response.json(value, { status: 201, headers: { "X-Route-Model": "m" } });
    expect(ours.status).toBe(web.status);
    expect([...ours.headers]).toEqual([...web.headers]);
    expect(await ours.text()).toBe(await web.text());
  });

  it("reads headers as web Headers do: names in any case, appends joined, Set-Cookie kept apart", () => {
    const h = new AnswerHeaders({ "X-A": "1" });
    h.append("x-a", "2");
    h.append("Set-Cookie", "a=1; Path=/");
    h.append("set-cookie", "b=2; Path=/");
    expect(h.get("X-a")).toBe("1, 2");
    expect(h.has("SET-COOKIE")).toBe(true);
    expect(h.has("x-missing")).toBe(false);
    expect(h.get("x-missing")).toBeNull();
    expect(h.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect([...h.entries()]).toEqual([["x-a", "1, 2"]]);
    h.set("x-a", "3");
    expect(h.get("x-a")).toBe("3");

    const answer = new JsonAnswer(200, "{}", { "x-a": "1" });
    answer.headers.append("set-cookie", "a=1");
    answer.headers.append("set-cookie", "b=2");
    expect(answer.toResponse().headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("refuses a header value that could split the response as it is set, inside the API core", () => {
    const h = new AnswerHeaders();
    expect(() => h.set("x-a", "ok\r\nset-cookie: evil=1")).toThrow(TypeError);
    expect(() => h.append("x-a", "nul\0")).toThrow(TypeError);
    expect(() => new JsonAnswer(200, "{}", { "x-a": "line\nbreak" })).toThrow(TypeError);
    expect(
      () => new SseAnswer((async function* () {})(), { "x-route-model": "m\r\nx: y" }),
    ).toThrow(TypeError);
  });

  it("refuses undefined as Response.json does (a handler that forgot to return is a 500, not an empty 200)", () => {
    expect(() => Response.json(undefined)).toThrow(TypeError);
    expect(() => JsonAnswer.of(undefined)).toThrow(TypeError);
  });

  it("an event stream becomes the same Response as sseResponse", async () => {
    async function* frames() {
      yield "data: 1\n\n";
      yield "data: [DONE]\n\n";
    }
    const ours = new SseAnswer(frames(), { "x-route-model": "m" }).toResponse();
    const web = sseResponse(frames(), { "x-route-model": "m" });
    expect([...ours.headers]).toEqual([...web.headers]);
    expect(await ours.text()).toBe(await web.text());
  });
});
