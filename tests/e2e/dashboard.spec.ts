import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { ShellPage } from "./pages/shell-page";

test.use({ storageState: ADMIN.file });

test("the dashboard tells the truth: built sections are not 'coming soon', providers are live", async ({
  page,
}) => {
  const shell = new ShellPage(page);
  await shell.goto("/");
  const sections = page.getByRole("region", { name: "Sections" });
  for (const built of ["Chat", "Projects", "Workflows", "Admin"])
    await expect(sections.getByRole("link", { name: new RegExp(built) })).not.toContainText(
      "Coming soon",
    );
  for (const planned of ["Analytics"])
    await expect(sections.getByRole("link", { name: new RegExp(planned) })).toContainText(
      "Coming soon",
    );
  await expect(page.locator("main")).not.toContainText(/documents and databases (come|arrive)/i);

  // The e2e server runs with OpenAI and Anthropic (the fake provider) and nothing else.
  const status = page.getByTestId("system-status");
  await expect(status.getByTestId("status-database")).toContainText("Healthy");
  await expect(status.getByTestId("status-cache")).toContainText("Healthy");
  await expect(status.getByTestId("status-provider-openai")).toContainText("Ready");
  await expect(status.getByTestId("status-provider-openai")).toContainText(
    /\d+ models? to route to/,
  );
  await expect(status.getByTestId("status-provider-anthropic")).toContainText("Ready");
  const google = status.getByTestId("status-provider-google");
  await expect(google).toContainText("Not configured");
  // How to add a missing provider is one click away (and open when none is configured).
  await expect(google.getByText("GOOGLE_GENERATIVE_AI_API_KEY")).toBeHidden();
  await google.getByText("How to add it").click();
  await expect(google.getByText("GOOGLE_GENERATIVE_AI_API_KEY")).toBeVisible();
  await expect(status.getByTestId("no-provider")).toHaveCount(0);
});

test("the first steps tick themselves off as the admin takes them", async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.goto("/");
  const steps = page.getByRole("list", { name: "First steps" });
  await expect(steps.getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("step-provider")).toContainText("Done: Connect an AI provider");
  await expect(page.getByTestId("step-api_key")).toContainText("To do: Create an API key");

  // Take the API-key step the way a person would: follow the step's link.
  await page.getByTestId("step-api_key").getByRole("link", { name: "Create a key →" }).click();
  await expect(page).toHaveURL("/account");
  await page.getByLabel("Key name").fill("dashboard step");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveText(/^aios_/);

  await shell.navigateTo("Dashboard");
  await expect(page.getByTestId("step-api_key")).toContainText("Done: Create an API key");
  await expect(page.getByTestId("step-api_call")).toContainText("/api/v1/chat/completions");
});
