import { expect, test, type Page } from "@playwright/test";
import { axe, prodApi, shot } from "./helpers";

/** providerSignIn answers the provider's login and consent pages as a static user. */
async function providerSignIn(page: Page, login: string) {
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("production sign-in: OpenID Connect code flow with PKCE against a real provider, tokens in memory only", async ({ page, request }, info) => {
  // The development endpoint does not exist in production.
  expect((await request.post(`${prodApi}/console/dev-token`, { data: { role: "ADMIN" } })).status()).toBe(404);

  const authorize: string[] = [];
  page.on("request", (r) => r.url().includes("/auth?") && authorize.push(r.url()));
  await page.goto(`${prodApi}/console/#/people`);
  await page.getByRole("button", { name: "Sign in with your organisation" }).click();
  await providerSignIn(page, "admin@demo");
  await expect(page.getByText(/Signed in as admin/)).toBeVisible();
  const params = new URL(authorize[0]).searchParams;
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("response_type")).toBe("code");
  // The code is gone from the address, and no token is kept in storage.
  expect(page.url()).not.toContain("code=");
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ/);
  // The API verifies the provider's RS256 token through its JWKS.
  await page.getByRole("button", { name: "People" }).click();
  await expect(page.getByRole("list", { name: "Caseload" })).toBeVisible();
  await axe(page, "oidc-people");
  await shot(page, info, "14-oidc-signed-in");
  // This deployment has a tile server: the vacancies sit on its base map.
  const tiles: string[] = [];
  page.on("request", (r) => r.url().includes("/tiles/") && tiles.push(r.url()));
  await page.getByRole("button", { name: "Vacancies" }).click();
  const map = page.getByRole("img", { name: /^Map of the \d+ vacancies listed/ });
  await expect(map).toBeVisible();
  expect(await map.locator("image").count()).toBeGreaterThan(0);
  await expect.poll(() => tiles.length).toBeGreaterThan(0);
  await expect(page.getByText("Map: test tiles")).toBeVisible();
  await axe(page, "vacancies-tiles");
  await shot(page, info, "16-vacancies-tile-map");
});

test("production sign-in: an expired token asks to sign in again in a popup and keeps the screen", async ({ page }, info) => {
  await page.goto(`${prodApi}/console/#/careers`);
  await page.getByRole("button", { name: "Sign in" }).first().click();
  await page.getByRole("button", { name: "Sign in with your organisation" }).click();
  await providerSignIn(page, "brief@demo");
  await expect(page.getByText(/Signed in as admin/)).toBeVisible();
  await page.getByRole("button", { name: "Career explorer" }).click();
  await page.getByLabel("Job title").fill("Retail Assistant");
  await page.waitForTimeout(5000);
  await page.getByRole("button", { name: "Show moves" }).click();
  const dialog = page.getByRole("dialog", { name: "Please sign in again" });
  await expect(dialog).toContainText(/expired/);
  await shot(page, info, "15-oidc-reauth");
  const popup = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in again with your organisation" }).click();
  const p = await popup;
  // The provider may remember the session; if it asks, answer.
  const login = p.locator("input[name=login]");
  const cont = p.getByRole("button", { name: "Continue" });
  await Promise.race([login.waitFor().catch(() => {}), cont.waitFor().catch(() => {}), p.waitForEvent("close").catch(() => {})]);
  if (!p.isClosed() && (await login.count())) {
    await login.fill("brief@demo");
    await p.locator("input[name=password]").fill("any");
    await p.getByRole("button", { name: "Sign-in" }).click();
  }
  if (!p.isClosed() && (await cont.count().catch(() => 0))) await cont.click().catch(() => {});
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("list", { name: "Career moves" })).toBeVisible();
  await expect(page.getByLabel("Job title")).toHaveValue("Retail Assistant");
});
