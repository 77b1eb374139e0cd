// The browser suite: Debian's Chromium (no browser download), headless,
// against the real API (bin/onework) on a seeded area in the test Neo4j
// (NEO4J_URI), a real OpenID Connect provider, and partner pages on other
// origins. scripts/browser-test.sh builds, seeds and runs it; every server
// here is started, awaited and stopped by Playwright.
import { defineConfig } from "@playwright/test";

const neo4j = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7752";
const port = (name: string, def: number) => Number(process.env[name] ?? def);
export const ports = {
  api: port("CONSOLE_API_PORT", 8151),
  partner: port("CONSOLE_PARTNER_PORT", 8152),
  oidc: port("CONSOLE_OIDC_PORT", 8153),
  prodApi: port("CONSOLE_PROD_API_PORT", 8154),
  stranger: port("CONSOLE_STRANGER_PORT", 8155),
};
const binary = process.env.ONEWORK_BIN ?? "../bin/onework";
const common = {
  NEO4J_URI: neo4j,
  ONEWORK_AUDIT_KEY: "browser-test-audit-key",
  ONEWORK_LOG_LEVEL: "warn",
  ONEWORK_INDEX_REFRESH: "5s",
  PATH: process.env.PATH ?? "",
};

/** apiServer runs bin/onework on port with env, ready when /readyz says so. */
function apiServer(name: string, port: number, env: Record<string, string>) {
  return {
    name,
    command: `${binary} serve`,
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: { ...common, ONEWORK_ADDR: `127.0.0.1:${port}`, ...env },
  };
}

export default defineConfig({
  testDir: "tests",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    headless: true,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    apiServer("api (development sign-in)", ports.api, {
      ONEWORK_DEV: "true",
      ONEWORK_JWT_DEV_SECRET: "browser-test-development-secret-0123456789",
      // No leeway, so that a token minted to expire in seconds does.
      ONEWORK_JWT_LEEWAY: "0s",
      ONEWORK_CORS_ORIGINS: `http://127.0.0.1:${ports.partner}`,
    }),
    {
      name: "partner pages",
      command: "node tests/servers/partner.mjs",
      url: `http://127.0.0.1:${ports.partner}/`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      env: { API_ORIGIN: `http://127.0.0.1:${ports.api}`, PARTNER_PORTS: `${ports.partner},${ports.stranger}`, PATH: process.env.PATH ?? "" },
    },
    {
      name: "oidc provider",
      command: "node tests/servers/oidc.mjs",
      url: `http://127.0.0.1:${ports.oidc}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "ignore",
      env: {
        OIDC_PORT: String(ports.oidc),
        OIDC_REDIRECT: `http://127.0.0.1:${ports.prodApi}/console/`,
        OIDC_ADVISER_ORG: process.env.CONSOLE_ADVISER_ORG ?? "",
        // A resource indicator (RFC 8707) is an absolute URI.
        OIDC_AUDIENCE: "urn:onework:api",
        PATH: process.env.PATH ?? "",
      },
    },
    apiServer("api (production sign-in)", ports.prodApi, {
      ONEWORK_DEV: "false",
      ONEWORK_JWT_ISSUER: `http://127.0.0.1:${ports.oidc}`,
      ONEWORK_JWKS_URLS: `http://127.0.0.1:${ports.oidc}/jwks`,
      ONEWORK_JWT_AUDIENCE: "urn:onework:api",
      ONEWORK_JWT_LEEWAY: "0s",
      ONEWORK_OIDC_CLIENT_ID: "onework-console",
      // A base map from a tile server (the partner pages' stand-in).
      ONEWORK_MAP_TILES: `http://127.0.0.1:${ports.partner}/tiles/{z}/{x}/{y}.png`,
      ONEWORK_MAP_ATTRIBUTION: "test tiles",
    }),
  ],
});
