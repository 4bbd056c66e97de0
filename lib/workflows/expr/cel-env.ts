import { Environment } from "@marcbachmann/cel-js";

/**
 * The one cel-js environment (per nesting limit): undeclared variables are `dyn` (a workflow's
 * step names are its variables), aggregate literals may mix types (JSON does), optional types
 * off. Registered on top: int/double arithmetic both ways, returning double. CEL itself refuses
 * `1.5 * 2`; JSON has one number type, so `x.price * 2` must work whichever way x.price was
 * written. int/int stays integer arithmetic (`7 / 2 == 3`): write `double(a) / b` for a fraction.
 * Nothing registered here can reach I/O or JavaScript objects: handlers take and return numbers.
 */
const MIXED: Record<"+" | "-" | "*" | "/", (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};

let base: Environment | undefined;
const byDepth = new Map<number, Environment>();

function createBase(): Environment {
  const env = new Environment({
    unlistedVariablesAreDyn: true,
    homogeneousAggregateLiterals: false,
    enableOptionalTypes: false,
  });
  for (const [op, apply] of Object.entries(MIXED)) {
    env.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => apply(a, Number(b)));
    env.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => apply(Number(a), b));
  }
  return env;
}

export function celEnvironment(maxDepth: number): Environment {
  let env = byDepth.get(maxDepth);
  if (!env) {
    base ??= createBase();
    env = base.clone({ limits: { maxDepth } });
    if (byDepth.size < 8) byDepth.set(maxDepth, env);
  }
  return env;
}

/** Names cel-js defines itself (`int`, `string`, `map`, `cel`, …): never a workflow variable. */
export function isBuiltinName(name: string): boolean {
  return celEnvironment(32).hasVariable(name);
}
