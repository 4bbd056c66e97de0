import { test as setup } from "@playwright/test";
import { ADMIN, AuthPages } from "./pages/auth-pages";

// The first account of a fresh installation becomes its admin; every signed-in test reuses it.
setup("create the admin account and sign in", async ({ page }) => {
  const auth = new AuthPages(page);
  await auth.register(ADMIN.email, ADMIN.password, "Ada Admin"); // and is signed in
  await page.context().storageState({ path: ADMIN.file });
});
