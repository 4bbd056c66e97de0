import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "@/components/lib/api";
import { checkFields, fieldMessage, formErrors, humanize } from "@/components/lib/field-errors";
import { fromZodError } from "@/lib/errors";

/** What the browser gets for a zod failure: the route's envelope, as api() turns it into ApiError. */
function apiErrorOf(schema: z.ZodType, value: unknown): ApiError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a validation failure");
  const err = fromZodError(result.error);
  const fields: Record<string, string> = {};
  for (const f of err.details?.fields ?? []) fields[f.field] ??= f.message;
  return new ApiError(422, err.code, err.message, fields);
}

describe("fieldMessage: a capitalised sentence that names the field", () => {
  it.each([
    ["Name", "is required", "Name is required."],
    ["Cap", "must be 0 or at least $0.01", "Cap must be 0 or at least $0.01."],
    ["name", "is required.", "Name is required."],
    ["Cap", "Too small: expected number to be >=0", "Cap must be at least 0."],
    ["Price", "Too big: expected number to be <=10000", "Price must be at most 10000."],
    ["Name", "Too small: expected string to have >=1 characters", "Name is required."],
    [
      "Name",
      "Too small: expected string to have >=3 characters",
      "Name must be at least 3 characters.",
    ],
    ["Scopes", "Too small: expected array to have >=1 items", "Scopes needs at least 1."],
    ["Window", "Invalid input: expected int, received number", "Window must be a whole number."],
    ["Cap", "Invalid input: expected number, received string", "Cap must be a number."],
    ["Cap", "Invalid input: expected number, received undefined", "Cap is required."],
    [
      "Period",
      'Invalid option: expected one of "day"|"month"',
      "Period must be one of day, month.",
    ],
    ["Project id", "Invalid UUID", "Project id is not a valid id."],
    ["Email", "Invalid email address", "Email must be a valid email address."],
    ["Tier", "Invalid input", "Tier is not valid."],
    ["User email", "No user has the email x@y.z", "User email: No user has the email x@y.z."],
    [
      "Key name",
      "you already have 10 active keys; revoke one first",
      "Key name: You already have 10 active keys; revoke one first.",
    ],
    ["Input", "give at least one of role, tier", "Input: Give at least one of role, tier."],
    ["Email", "does not belong to any user", "Email does not belong to any user."],
  ])("%s + %s", (label, message, expected) => {
    expect(fieldMessage(label, message)).toBe(expected);
  });
});

describe("formErrors: an API error as a form shows it", () => {
  const labels = { name: "Name", limitUsd: "Cap", capabilities: "Capabilities" };

  it("words zod's field errors (custom and default) with the form's labels", () => {
    const schema = z
      .object({
        name: z.string().trim().min(1, { error: "is required" }),
        limitUsd: z.number().min(0),
        capabilities: z.array(z.enum(["tools", "vision"])),
      })
      .strict();
    const err = apiErrorOf(schema, { name: " ", limitUsd: -1, capabilities: ["x"], extra: 1 });
    expect(formErrors(err, labels, "Saving failed.")).toEqual({
      fields: {
        name: "Name is required.",
        limitUsd: "Cap must be at least 0.",
        capabilities: "Capabilities must be one of tools, vision.",
      },
      form: "Extra is not a known field.",
    });
  });

  it("a message without field errors is the form's error; anything else is the fallback", () => {
    expect(formErrors(new ApiError(409, "conflict", "Taken."), labels, "Failed.")).toEqual({
      fields: {},
      form: "Taken.",
    });
    expect(formErrors(new TypeError("fetch failed"), labels, "Failed.")).toEqual({
      fields: {},
      form: "Failed.",
    });
  });

  it("unlabelled fields are named from their path", () => {
    expect(humanize("members.0.email")).toBe("Members email");
    expect(humanize("contextWindow")).toBe("Context window");
    const err = new ApiError(422, "validation", "x", { contextWindow: "must be at least 256" });
    expect(formErrors(err, {}, "Failed.").form).toBe("Context window must be at least 256.");
  });
});

describe("checkFields: client-side checks in the same words", () => {
  it("keeps the first problem per field and skips passing checks", () => {
    expect(
      checkFields([
        ["limitUsd", "Cap", "is required"],
        ["limitUsd", "Cap", "must be a number"],
        ["who", "User email", null],
      ]),
    ).toEqual({ limitUsd: "Cap is required." });
  });
});
