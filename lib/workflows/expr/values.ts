import { Duration, UnsignedInt } from "@marcbachmann/cel-js/evaluator";
import { ExpressionError } from "./errors";

/** Deeper data is refused rather than walked (the converters recurse). */
export const MAX_VALUE_DEPTH = 200;

/**
 * JSON data → CEL values. Objects become Maps, so a field read is a key lookup and never reaches
 * a JavaScript property (`trigger.toString`, `trigger.constructor` are just missing keys).
 * Integral numbers become BigInt (CEL `int`) when they are safe integers, others stay `double`:
 * JSON has one number type, CEL two, and this keeps `count + 1`, `items[i]` and `n % 2` working;
 * mixed int/double arithmetic is added in cel-env.ts. Non-JSON values follow JSON.stringify
 * (undefined and functions dropped from objects, null in lists; Date → ISO string).
 */
export function toCelValue(value: unknown): unknown {
  return toCel(value, 0, new WeakMap());
}

/** `done`: finished copies, so a shared subtree is copied once (a cycle hits the depth cap). */
function toCel(value: unknown, depth: number, done: WeakMap<object, unknown>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case "bigint":
      return value;
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (done.has(value)) return done.get(value);
  if (depth >= MAX_VALUE_DEPTH) {
    throw new ExpressionError(
      "expression_invalid",
      `Data is nested deeper than ${MAX_VALUE_DEPTH} levels.`,
    );
  }
  const copy = copyOf(value, depth, done);
  done.set(value, copy);
  return copy;
}

function copyOf(value: object, depth: number, done: WeakMap<object, unknown>): unknown {
  if (Array.isArray(value)) {
    return Array.from(value, (item) => toCel(item, depth + 1, done) ?? null);
  }
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value instanceof Date) return value.toJSON();
  if (!(value instanceof Map) && !isPlainObject(value)) {
    throw new ExpressionError("expression_invalid", "Expression data must be JSON values.");
  }
  const entries: Iterable<[unknown, unknown]> =
    value instanceof Map ? value.entries() : Object.entries(value);
  const out = new Map<string, unknown>();
  for (const [key, item] of entries) {
    const converted = toCel(item, depth + 1, done);
    if (converted !== undefined) out.set(String(key), converted);
  }
  return out;
}

/**
 * A CEL result → plain JSON: BigInt → number when safe, else its decimal string; Map and objects →
 * plain objects (a `__proto__` key stays an own data key); bytes → base64; timestamps → ISO
 * strings; durations → "90s"; types → their name; non-finite numbers → null (as JSON.stringify).
 */
export function toJsonValue(value: unknown): unknown {
  return toJson(value, { left: Infinity, max: Infinity }, 0);
}

/** Like toJsonValue, but stops with `expression_result_too_large` past `maxBytes` of JSON. */
export function toJsonBounded(value: unknown, maxBytes: number): unknown {
  return toJson(value, { left: maxBytes, max: maxBytes }, 0);
}

interface Budget {
  /** A lower bound of the JSON bytes still allowed. */
  left: number;
  max: number;
}

function toJson(value: unknown, budget: Budget, depth: number): unknown {
  const out = scalar(value);
  if (out !== NOT_SCALAR) {
    charge(budget, typeof out === "string" ? out.length + 2 : 4);
    return out;
  }
  if (depth >= MAX_VALUE_DEPTH) {
    throw new ExpressionError(
      "expression_result_too_large",
      `Result is nested deeper than ${MAX_VALUE_DEPTH} levels.`,
    );
  }
  charge(budget, 2);
  if (Array.isArray(value) || value instanceof Set) {
    return Array.from(
      value,
      (item: unknown) => (charge(budget, 1), toJson(item, budget, depth + 1)),
    );
  }
  const entries: Iterable<[unknown, unknown]> =
    value instanceof Map ? value.entries() : Object.entries(value as object);
  const obj: Record<string, unknown> = {};
  for (const [rawKey, item] of entries) {
    const key = typeof rawKey === "string" ? rawKey : String(scalar(rawKey));
    charge(budget, key.length + 4);
    const converted = toJson(item, budget, depth + 1);
    // Assigning "__proto__" would replace the object's prototype; defining it keeps it data.
    Object.defineProperty(obj, key, {
      value: converted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return obj;
}

const NOT_SCALAR = Symbol("not scalar");

function scalar(value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value + 0 : null;
    case "bigint":
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return null;
  }
  if (value === null) return null;
  if (value instanceof UnsignedInt) return scalar(value.valueOf());
  if (value instanceof Duration) return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return base64(value);
  if (Object.prototype.toString.call(value).startsWith("[object Type<")) {
    return String((value as { name: unknown }).name);
  }
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) return NOT_SCALAR;
  if (isPlainObject(value as object)) return NOT_SCALAR;
  return String(value);
}

function charge(budget: Budget, bytes: number) {
  budget.left -= bytes;
  if (budget.left < 0) {
    throw new ExpressionError(
      "expression_result_too_large",
      `Result is larger than ${budget.max} bytes as JSON.`,
    );
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** UTF-8 length of a string without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
