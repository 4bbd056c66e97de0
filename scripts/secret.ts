// npm run secret -- [length]   Prints a random key that passes the production SECRET_KEY rules.
import { generateSecretKey } from "../lib/config/dev-secret";
import { secretKeyProblem, SECRET_MIN_PRODUCTION } from "../lib/config/rules";

const arg = process.argv[2] ?? String(SECRET_MIN_PRODUCTION);
const length = Number(arg);
if (!Number.isInteger(length) || length < SECRET_MIN_PRODUCTION || length > 4096) {
  console.error(
    `Length must be a whole number from ${SECRET_MIN_PRODUCTION} to 4096 (got "${arg}"). Example: npm run secret -- 64`,
  );
  process.exit(1);
}
// base64url output misses a character class only with vanishing probability; draw again if so.
let key = generateSecretKey(length);
while (secretKeyProblem(key, "production")) key = generateSecretKey(length);
console.log(key);
