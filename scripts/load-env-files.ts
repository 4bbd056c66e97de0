// Next.js loads .env files for `next dev`/`next start`; scripts run outside it, so they load the
// same files here (.env.local before .env; variables already set in the shell always win).
for (const file of [".env.local", ".env"]) {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
