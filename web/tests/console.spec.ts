import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { api, axe, noPersonalDataInAddress, shot, signIn } from "./helpers";

test("an adviser finds ranked candidates with readable explanations for a real vacancy", async ({ page }, info) => {
  const started = Date.now();
  await page.goto(`${api}/console`);
  await page.getByRole("button", { name: "Sign in" }).first().click();
  await axe(page, "sign-in");
  await shot(page, info, "01-sign-in");
  await page.getByRole("radio", { name: /Adviser/ }).check();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Signed in as adviser/)).toBeVisible();
  await page.getByRole("button", { name: "Vacancies", exact: true }).click();
  const first = page.getByRole("button", { name: /^Candidates for / }).first();
  await expect(first).toBeVisible();
  // No tile server is configured here: points on a plain background, no tiles.
  await expect(page.getByText(/longitude across, latitude up/)).toBeVisible();
  await axe(page, "vacancies");
  await shot(page, info, "02-vacancies");
  await first.click();
  const ranked = page.getByRole("list", { name: "Ranked candidates" });
  await expect(ranked).toBeVisible();
  const top = ranked.getByRole("listitem").first();
  await expect(top.getByRole("heading", { name: /^1\. / })).toBeVisible();
  await expect(top.getByText("Why")).toBeVisible();
  await expect(top.locator(".reasons li").first()).not.toBeEmpty();
  await expect(top.getByLabel(/Score breakdown/)).toContainText("Fit");
  await expect(top.getByLabel(/Score breakdown/)).toContainText("Experience");
  await expect(top.getByText(/Ready now|Ready after|missing essential skills|Needs registration/)).toBeVisible();
  console.log(`newcomer flow (sign in, vacancy, ranked candidates): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await axe(page, "candidates");
  await shot(page, info, "03-candidates");
  await noPersonalDataInAddress(page);
});

test("vacancies search by place, distance, employer kind and open now, at 375 px", async ({ page }, info) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${api}/console/#/vacancies`);
  await page.getByLabel("Near").fill("Gloucester");
  // The picker resolves the typed name once the place list arrives.
  await expect(page.locator("datalist option[value='Gloucester']")).toHaveCount(1);
  await page.getByLabel("Within").selectOption("10");
  await page.getByRole("button", { name: "Search" }).click();
  const cards = page.getByRole("list", { name: "Vacancies found" }).getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  // Narrow to the employer kind of the first vacancy found.
  const first = await cards.first().innerText();
  const kinds = await page.getByLabel("Employer kind").locator("option").allInnerTexts();
  const kind = kinds.find((k) => k !== "Any" && first.includes(k))!;
  expect(kind).toBeTruthy();
  await page.getByLabel("Employer kind").selectOption({ label: kind });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status").filter({ hasText: /vacanc/ })).toBeVisible();
  await expect(cards.first()).toBeVisible();
  for (const text of await cards.allInnerTexts()) expect(text).toContain(kind);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await axe(page, "vacancies-375px");
  await shot(page, info, "04-vacancies-375px");
});

test("a person: vacancies now, programmes for the gap, career moves, consents; no monitoring data for advisers", async ({ page }, info) => {
  await signIn(page, "Adviser");
  const asked: { withEquality?: boolean }[] = [];
  page.on("request", (r) => {
    const body = r.postDataJSON?.() as { query?: string; variables?: { withEquality?: boolean } } | null;
    if (r.url().endsWith("/graphql") && body?.query?.includes("ConsolePerson(")) asked.push(body.variables ?? {});
  });
  await page.getByRole("button", { name: "People" }).click();
  await page.getByRole("button", { name: /^Open / }).first().click();
  await expect(page.getByRole("heading", { name: "Vacancies that fit now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Career moves" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Consents" })).toBeVisible();
  await expect(page.getByText("Loading")).toHaveCount(0);
  await expect(page.getByText(/Equality monitoring/)).toHaveCount(0);
  // The console does not even ask for what an adviser may not see.
  expect(asked).toEqual([{ id: expect.any(String), withEquality: false }]);
  await expect(page.getByRole("button", { name: /Erase/ })).toHaveCount(0);
  const gap = page.getByRole("button", { name: /^Programmes that close the gap/ }).first();
  if (await gap.count()) {
    await gap.click();
    await expect(page.getByText(/Ready after|No local programme teaches/).first()).toBeVisible();
  }
  await noPersonalDataInAddress(page);
  await axe(page, "person");
  await shot(page, info, "05-person-adviser");
});

test("an admin sees monitoring data, exports and erases a person", async ({ page }, info) => {
  await signIn(page, "Hub admin");
  await page.getByRole("button", { name: "People" }).click();
  const open = page.getByRole("button", { name: /^Open / });
  await expect(open.first()).toBeVisible();
  const last = open.last();
  const name = (await last.innerText()).replace(/^Open /, "");
  await last.click();
  await expect(page.getByRole("heading", { name: /Equality monitoring/ })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /Export everything/ }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(JSON.stringify(exported)).toContain(name);
  await axe(page, "person-admin");
  await shot(page, info, "06-person-admin");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Erase this person" }).click();
  await expect(page.getByRole("list", { name: "Caseload" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Open ${name}`, exact: true })).toHaveCount(0);
});

test("career explorer: moves from any job title, no sign-in, no personal data", async ({ page }, info) => {
  await page.goto(`${api}/console/#/careers`);
  await page.getByLabel("Job title").fill("Retail Assistant");
  await page.getByRole("button", { name: "Show moves" }).click();
  const moves = page.getByRole("list", { name: "Career moves" });
  await expect(moves).toBeVisible();
  await expect(moves.getByRole("listitem").first()).toContainText(/similar/);
  await axe(page, "careers");
  await shot(page, info, "07-careers");
});

test("college view: a provider's programmes, destinations and local demand", async ({ page }, info) => {
  await page.goto(`${api}/console/#/college`);
  const provider = page.getByLabel("Provider", { exact: true });
  await expect(provider).toBeVisible();
  const value = await provider.locator("option").nth(1).getAttribute("value");
  await provider.selectOption(value!);
  await expect(page.getByRole("table", { name: "Programmes and their destinations" })).toBeVisible();
  await axe(page, "college");
  await shot(page, info, "08-college");
});

test("an expired token mid-session asks to sign in again and keeps the screen", async ({ page }, info) => {
  // The real endpoint mints a token that lives three seconds.
  await page.route("**/console/dev-token", async (route) => {
    const body = JSON.parse(route.request().postData() ?? "{}");
    await route.continue({ postData: JSON.stringify({ ...body, ttlSeconds: 3 }) });
  });
  await signIn(page, "Adviser");
  await page.getByRole("button", { name: "Career explorer" }).click();
  await page.getByLabel("Job title").fill("Retail Assistant");
  await page.waitForTimeout(4500);
  await page.getByRole("button", { name: "Show moves" }).click();
  const dialog = page.getByRole("dialog", { name: "Please sign in again" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/expired/);
  await axe(page, "reauth");
  await shot(page, info, "09-reauth");
  await page.unroute("**/console/dev-token");
  await dialog.getByRole("button", { name: /Sign in again/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("list", { name: "Career moves" })).toBeVisible();
  await expect(page.getByLabel("Job title")).toHaveValue("Retail Assistant");
});

test("an API error reads as a message with the request id", async ({ page }, info) => {
  // A job title the API cannot place is refused with a reason.
  await page.goto(`${api}/console/#/careers`);
  await page.getByLabel("Job title").fill("Zzyzx Qwerty Operative");
  await page.getByRole("button", { name: "Show moves" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(/occupation.*\(request [0-9a-f]+\)/);
  await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
  await axe(page, "api-error");
  await shot(page, info, "10-api-error");
});

test("an employer is offered candidates for its own vacancies only", async ({ page }) => {
  await page.goto(`${api}/console/#/signin`);
  await page.getByRole("radio", { name: /Employer/ }).check();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Signed in as employer/)).toBeVisible();
  const mine = (await page.getByText(/Signed in as employer/).innerText()).match(/\((.*)\)/)?.[1];
  const cards = page.getByRole("list", { name: "Vacancies found" }).getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  const offered = await cards.filter({ has: page.getByRole("button", { name: /^Candidates for / }) }).count();
  expect(offered).toBeLessThan(await cards.count());
  expect(mine).toBeTruthy();
  if (offered > 0) {
    await page.getByRole("button", { name: /^Candidates for / }).first().click();
    await expect(page.getByRole("list", { name: "Ranked candidates" }).or(page.getByText("No one you may see fits"))).toBeVisible();
    // Employers see candidates anonymised until they agree to share.
    await expect(page.getByRole("alert")).toHaveCount(0);
  }
});

test("keyboard only: sign in, find a vacancy's candidates, and back", async ({ page }) => {
  await page.goto(`${api}/console/#/signin`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // The skip link is the first stop and takes focus to the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  const adviser = page.getByRole("radio", { name: /Adviser/ });
  await adviser.focus();
  await page.keyboard.press("Space");
  await expect(adviser).toBeChecked();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Sign in", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Signed in as adviser/)).toBeVisible();
  await expect(page.locator("main")).toBeFocused();
  const candidates = page.getByRole("button", { name: /^Candidates for / }).first();
  await candidates.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Ranked candidates" })).toBeVisible();
  await page.getByRole("button", { name: "← Back to vacancies" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Vacancies" })).toBeVisible();
});

test("a job seeker sees their own page, with their monitoring data, and no one else's", async ({ page, request }, info) => {
  // Find someone's id as the hub's admin would tell them.
  const { token } = await (await request.post(`${api}/console/dev-token`, { data: { role: "ADMIN" } })).json();
  const res = await request.post(`${api}/graphql`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { query: "{ people(first: 1) { nodes { id name } } }" },
  });
  const person = (await res.json()).data.people.nodes[0];
  await page.goto(`${api}/console/#/signin`);
  await page.getByRole("radio", { name: /A job seeker/ }).check();
  await page.getByLabel("Your person id").fill(person.id);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Signed in as person/)).toBeVisible();
  await expect(page.getByRole("heading", { name: person.name, exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Equality monitoring/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "People" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Erase/ })).toHaveCount(0);
  await noPersonalDataInAddress(page);
  await axe(page, "my-page");
  await shot(page, info, "17-my-page");
});

test("vacancies page on with Show more", async ({ page }) => {
  await page.goto(`${api}/console/#/vacancies`);
  await page.getByLabel("Open now").uncheck();
  await page.getByRole("button", { name: "Search" }).click();
  const cards = page.getByRole("list", { name: "Vacancies found" }).locator("li.card");
  const status = page.getByRole("status").filter({ hasText: /first 50 shown/ });
  await expect(status).toBeVisible();
  const total = Number((await status.innerText()).match(/^(\d+)/)?.[1]);
  await expect(cards).toHaveCount(50);
  await page.getByRole("button", { name: "Show more vacancies" }).click();
  await expect(cards).toHaveCount(Math.min(total, 100));
  await expect(page.getByRole("status").filter({ hasText: /vacanc/ })).toContainText(total > 100 ? "the first 100 shown" : `${total} vacancies`);
});

test("an adviser puts a candidate forward; a partnership lead reads insight tables (suppressed cells marked where any), a chart and the CSV", async ({ page }, info) => {
  await signIn(page, "Adviser");
  await expect(page.getByRole("button", { name: "Partnership insights" })).toHaveCount(0);
  await page.getByRole("button", { name: "Vacancies", exact: true }).click();
  await page.getByRole("button", { name: /^Candidates for / }).first().click();
  const ranked = page.getByRole("list", { name: "Ranked candidates" });
  await expect(ranked).toBeVisible();
  const put = ranked.getByRole("button", { name: /^Put forward .* for this vacancy$/ }).first();
  await expect(put).toBeVisible();
  const who = (await put.getAttribute("aria-label"))!.replace(/^Put forward (.*) for this vacancy$/, "$1");
  const card = ranked.locator("li.candidate").filter({ has: page.getByRole("heading", { name: who }) });
  await put.click();
  await expect(card.getByRole("status")).toHaveText(/^Put forward: referred/);
  await axe(page, "put-forward");
  await shot(page, info, "20-put-forward");
  // Back and in again: the referral is remembered, and cannot be made twice.
  await page.getByRole("button", { name: "← Back to vacancies" }).click();
  await page.getByRole("button", { name: /^Candidates for / }).first().click();
  await expect(card.getByRole("status")).toHaveText(/^Already put forward: referred/);
  await expect(card.getByRole("button", { name: /^Put forward / })).toHaveCount(0);
  await noPersonalDataInAddress(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "Partnership lead");
  await page.getByRole("button", { name: "Partnership insights" }).click();
  await expect(page.getByRole("heading", { name: "Partnership insights" })).toBeVisible();
  const tables = page.getByRole("table");
  await expect(tables).toHaveCount(3);
  for (const t of await tables.all()) await expect(t.locator("tbody tr").first()).toBeVisible();
  await expect(page.locator("figure.chart svg").first()).toBeVisible();
  // Suppressed cells read "suppressed", never a number.
  const marked = page.locator("td.suppressed");
  for (const m of await marked.all()) await expect(m).toHaveText("suppressed");
  console.log(`insights: ${await marked.count()} suppressed cells shown`);
  const csv = page.waitForEvent("download");
  const first = await tables.first().locator("thead th").first().innerText();
  await page.getByRole("button", { name: /^Download .* as CSV$/ }).first().click();
  const file = await csv;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync((await file.path())!, "utf8");
  expect(text.split("\n")[0]).toContain(first);
  await axe(page, "insights");
  await shot(page, info, "21-insights");
  await noPersonalDataInAddress(page);
});
