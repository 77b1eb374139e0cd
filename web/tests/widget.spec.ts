import { expect, test } from "@playwright/test";
import { api, axe, partner, shot, stranger } from "./helpers";

test("the example partner page shows career moves and vacancies from another origin", async ({ page }, info) => {
  const cookies: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/graphql")) {
      const h = r.headers();
      if (h.cookie) cookies.push(h.cookie);
      expect(r.postData() ?? "").not.toContain("query ");
    }
  });
  await page.goto(`${partner}/widget-example.html`);
  const moves = page.locator("onework-career-moves");
  await expect(moves.getByRole("heading", { name: /^From / })).toBeVisible();
  await expect(moves.getByRole("listitem").first()).toContainText(/skills in common/);
  const near = page.locator("onework-vacancies-near");
  await expect(near.getByRole("heading", { name: /open vacancies within 10 km/ })).toBeVisible();
  // The page's styles do not reach into the widget.
  const colour = await moves.getByRole("listitem").first().evaluate((el) => getComputedStyle(el).color);
  expect(colour).not.toBe("rgb(90, 45, 130)");
  expect(cookies).toEqual([]);
  await axe(page, "widget-example");
  await shot(page, info, "11-widget-example");
});

test("a widget without a place, or with an unknown one, says so", async ({ page }, info) => {
  await page.goto(`${partner}/page?job-title=Retail+Assistant`);
  await expect(page.locator("onework-career-moves").getByRole("alert")).toContainText("needs a place");
  await page.goto(`${partner}/page?tag=vacancies&place=E99999999`);
  await expect(page.locator("onework-vacancies-near").getByRole("alert")).toContainText(/place E99999999 not found \(request [0-9a-f]+\)/);
  await shot(page, info, "12-widget-unknown-place");
});

test("a widget on an origin not in the allowlist is refused and says so in the console", async ({ page }, info) => {
  const logged: string[] = [];
  page.on("console", (m) => m.type() === "error" && logged.push(m.text()));
  await page.goto(`${stranger}/page?job-title=Retail+Assistant&place=E07000081`);
  await expect(page.locator("onework-career-moves").getByRole("alert")).toContainText("could not be reached");
  await expect.poll(() => logged.join("\n")).toContain("ONEWORK_CORS_ORIGINS");
  await shot(page, info, "13-widget-refused-origin");
});

test("a widget with a partner key sends it as its token; a bad key reads as a message", async ({ page, request }) => {
  const minted = await request.post(`${api}/console/dev-token`, { data: { role: "PARTNER", org: "partner-demo" } });
  const { token } = await minted.json();
  const auth: string[] = [];
  page.on("request", (r) => r.url().endsWith("/graphql") && r.method() === "POST" && auth.push(r.headers().authorization ?? ""));
  await page.goto(`${partner}/page?tag=vacancies&place=E07000081&partner-key=${token}`);
  await expect(page.locator("onework-vacancies-near").getByRole("heading", { name: /open vacancies within/ })).toBeVisible();
  expect(auth).toContain(`Bearer ${token}`);
  await page.goto(`${partner}/page?tag=vacancies&place=E07000081&partner-key=not-a-key`);
  await expect(page.locator("onework-vacancies-near").getByRole("alert")).toContainText(/invalid token: malformed \(request [0-9a-f]+\)/);
});
