import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database: `npm run db:generate -- --name <what-changed>`.
// Applying them is `npm run db:migrate` (scripts/migrate.ts), which uses the app's own config.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  strict: true,
});
