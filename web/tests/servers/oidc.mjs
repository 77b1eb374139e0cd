// A real, certified OpenID Connect provider (panva's oidc-provider) on
// loopback, for the console's production sign-in tests: authorisation code
// with PKCE, RS256 JWT access tokens for the API's audience (resource
// indicators), and static users whose role and org claims the API reads.
// Usage: node tests/servers/oidc.mjs  (OIDC_PORT, OIDC_REDIRECT, OIDC_AUDIENCE)
import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 8153);
const issuer = `http://127.0.0.1:${port}`;
const redirect = process.env.OIDC_REDIRECT ?? "http://127.0.0.1:8154/console/";
const audience = process.env.OIDC_AUDIENCE ?? "onework-api";

// Static users: the login is the account id; any password is accepted by the
// provider's built-in development login form, so only these logins exist.
const users = {
  "adviser@demo": { role: "ADVISER", org: process.env.OIDC_ADVISER_ORG || "demo-e54000043-s1-org" },
  "admin@demo": { role: "ADMIN", org: "" },
  // Tokens that expire in seconds, for the sign-in-again test.
  "brief@demo": { role: "ADMIN", org: "", ttl: 4 },
};

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-rs256", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "onework-console",
      token_endpoint_auth_method: "none",
      redirect_uris: [redirect],
      post_logout_redirect_uris: [redirect],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    if (!users[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id }) };
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== audience) throw new Error(`unknown resource ${indicator}`);
        return { scope: "openid", audience, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } };
      },
    },
  },
  async extraTokenClaims(_ctx, token) {
    const u = users[token.accountId];
    if (!u) return {};
    return u.org ? { role: u.role, org: u.org } : { role: u.role };
  },
  ttl: { AccessToken: (_ctx, token) => users[token.accountId]?.ttl ?? 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
});

provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider at ${issuer}`));
