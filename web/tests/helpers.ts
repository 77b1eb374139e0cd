import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

export const api = `http://127.0.0.1:${process.env.CONSOLE_API_PORT ?? 8151}`;
export const prodApi = `http://127.0.0.1:${process.env.CONSOLE_PROD_API_PORT ?? 8154}`;
export const partner = `http://127.0.0.1:${process.env.CONSOLE_PARTNER_PORT ?? 8152}`;
export const stranger = `http://127.0.0.1:${process.env.CONSOLE_STRANGER_PORT ?? 8155}`;

const shots = resolve("test-results", "screens");

/** shot keeps a full-page screenshot as a test artefact and prints its path. */
export async function shot(page: Page, info: TestInfo, name: string) {
  mkdirSync(shots, { recursive: true });
  const path = resolve(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: "image/png" });
  console.log(`screenshot: ${path}`);
}

/** axe runs axe-core (WCAG 2.0-2.2 A and AA) and fails on serious or critical violations, printing a summary. */
export async function axe(page: Page, name: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = r.violations.filter((v) => !bad.includes(v));
  console.log(
    `axe ${name}: ${r.passes.length} rules passed, ${bad.length} serious or critical, ${minor.length} minor or moderate` +
      (minor.length ? ` (${minor.map((v) => `${v.id}:${v.impact}`).join(", ")})` : ""),
  );
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`)).toEqual([]);
}

/** signIn uses the development picker. */
export async function signIn(page: Page, role: string, org?: string) {
  await page.goto(`${api}/console/#/signin`);
  await page.getByRole("radio", { name: new RegExp(role, "i") }).check();
  if (org) await page.getByLabel("Organisation").selectOption(org);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Signed in as/)).toBeVisible();
}

/** noPersonalDataInAddress checks the address holds no person id. */
export async function noPersonalDataInAddress(page: Page) {
  expect(page.url()).not.toMatch(/person|demo-.*-person|@/i);
}
