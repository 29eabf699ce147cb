// A real OpenID provider on loopback for the organisation-login tests: node-oidc-provider (OpenID
// Certified), with a login page of its own and the accounts of a fictional organisation.
//
//   node provider.mjs config.json
//
// config.json: {"port": 0, "clients": [{client_id, client_secret, redirect_uris,
//   backchannel_logout_uri?}], "accounts": {"<login>": {"sub", "email", "name", "job_title",
//   "mfa": bool, "disabled": bool}}, "id_token_ttl": 3600, "clock_offset_seconds": 0}
//
// Every account's password is "organisatie". A disabled account gets access_denied back at the
// client, as a provider refuses an account the organisation ended. "mfa" puts amr ["pwd", "mfa"]
// in the ID token, as Entra ID does after a second factor; otherwise amr is ["pwd"].
// `clock_offset_seconds` runs the provider's clock off (its tokens expired on arrival). The port
// is printed on the first line of output once the provider listens.
import { readFileSync } from "node:fs";
import http from "node:http";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const PASSWORD = "organisatie";

if (config.clock_offset_seconds) {
  const realNow = Date.now;
  Date.now = () => realNow() + config.clock_offset_seconds * 1000;
}

const server = http.createServer();
await new Promise((resolve) => server.listen(config.port || 0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
    ...(client.backchannel_logout_uri ? { backchannel_logout_session_required: true } : {}),
    ...client,
  })),
  // amr and acr with the openid scope: in every ID token, as Entra ID puts amr there.
  claims: {
    openid: ["sub", "amr", "acr", "auth_time"],
    email: ["email", "email_verified"],
    profile: ["name", "preferred_username", "job_title"],
    acr: null,
    amr: null,
    sid: null,
    auth_time: null,
    iss: null,
  },
  async findAccount(ctx, id) {
    const account = Object.values(config.accounts).find((each) => each.sub === id);
    if (!account || account.disabled) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
          preferred_username: account.login,
          job_title: account.job_title,
        };
      },
    };
  },
  // A first-party client: no consent screen, the grant is made at once.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  ttl: { IdToken: config.id_token_ttl || 3600 },
  // Its back-channel logout goes to a client on loopback, which the provider's protection
  // against requests to special-use addresses would refuse: lifted for this test provider only.
  fetch(url, options) {
    delete options.dispatcher;
    return fetch(url, options);
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ["test-provider-cookie-key"] },
});
provider.proxy = false;
provider.on("backchannel.error", (ctx, error) => console.error("backchannel:", error.message));
provider.on("server_error", (ctx, error) => console.error("server_error:", error.message));

for (const [login, account] of Object.entries(config.accounts)) account.login = login;

function page(res, body, status = 200) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="nl"><head><title>Organisatie – inloggen</title></head>
<body><main>${body}</main></body></html>`);
}

function loginForm(uid, error = "") {
  return `<h1>Inloggen bij de organisatie</h1>${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
<label>Gebruikersnaam <input name="login" id="login" autocomplete="username"></label>
<label>Wachtwoord <input name="password" id="password" type="password"></label>
<button type="submit">Inloggen</button></form>`;
}

async function body(req) {
  let data = "";
  for await (const chunk of req) data += chunk;
  return new URLSearchParams(data);
}

const providerCallback = provider.callback();
server.on("request", async (req, res) => {
  const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return providerCallback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") return page(res, loginForm(details.uid));
    const form = await body(req);
    const account = config.accounts[form.get("login")];
    if (!account || form.get("password") !== PASSWORD) {
      return page(res, loginForm(details.uid, "Onbekende naam of wachtwoord."), 401);
    }
    if (account.disabled) {
      return provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "Dit account is beëindigd." },
        { mergeWithLastSubmission: false },
      );
    }
    const login = {
      accountId: account.sub,
      amr: account.mfa ? ["pwd", "mfa"] : ["pwd"],
      remember: false,
    };
    return provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  } catch (error) {
    return page(res, `<p>${error.message}</p>`, 400);
  }
});

console.log(server.address().port);
