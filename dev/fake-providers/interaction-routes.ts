import type { Context, Next } from "koa";
import type { Interaction } from "oidc-provider";
import { errorPageHtml } from "./error-page";
import type { FakeOAuthServer } from "./fake-world";
import { readForm } from "./form-body";
import { consentPageHtml, loginPageHtml } from "./interaction-pages";
import { SCOPES } from "./scope-catalogue";

const ROUTE = /^\/interaction\/([\w-]+)(?:\/(login|consent))?$/;

const UNKNOWN_ACCOUNT = {
  google: "Couldn’t find your Google Account",
  microsoft: "This username may be incorrect. Make sure you typed it correctly.",
};

function requestedScopes(interaction: Interaction): string[] {
  const { scope, x_fake_offline: offline } = interaction.params;
  const scopes = typeof scope === "string" ? scope.split(" ").filter(Boolean) : [];
  // Microsoft asks consent for offline_access even though oidc-provider set it aside (see authorization-endpoint).
  if (offline === "1") scopes.push("offline_access");
  return [...new Set(scopes)];
}

async function renderPage(server: FakeOAuthServer, ctx: Context, interaction: Interaction): Promise<void> {
  const { name, world } = server;
  ctx.type = "html";
  if (interaction.prompt.name !== "consent") {
    const hint = interaction.params.login_hint;
    ctx.body = loginPageHtml({
      provider: name,
      uid: interaction.uid,
      loginHint: typeof hint === "string" ? hint : "",
    });
    return;
  }
  const clientId = String(interaction.params.client_id);
  const accountId = interaction.session?.accountId ?? "";
  ctx.body = consentPageHtml({
    provider: name,
    uid: interaction.uid,
    clientName: world.clients.find(name, clientId)?.name ?? clientId,
    email: world.mailboxes.byAccount(accountId)?.email ?? "",
    scopes: requestedScopes(interaction),
  });
}

async function submitLogin(server: FakeOAuthServer, ctx: Context, interaction: Interaction): Promise<void> {
  const { name, world, provider, store } = server;
  const email = (await readForm(ctx)).get("email") ?? "";
  const known = world.mailboxes.find(email, name);
  const mailbox =
    known ??
    (world.settings.acceptAnyAccount && email.includes("@") ? world.mailboxes.add(email, name) : undefined);
  if (!mailbox) {
    ctx.type = "html";
    ctx.body = loginPageHtml({
      provider: name,
      uid: interaction.uid,
      loginHint: email,
      error: UNKNOWN_ACCOUNT[name],
    });
    return;
  }
  const result = {
    login: { accountId: mailbox.accountId },
    ...(interaction.prompt.name === "select_account" ? { select_account: {} } : {}),
  };
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result);
  // Signing in as someone else switches the browser session's account, as the account chooser does.
  const previous = interaction.session;
  if (previous?.uid && previous.accountId !== mailbox.accountId) store.forgetSessionAccount(previous.uid);
  ctx.status = 303;
  ctx.redirect(returnTo);
}

async function submitConsent(server: FakeOAuthServer, ctx: Context, interaction: Interaction): Promise<void> {
  const { name, provider } = server;
  const form = await readForm(ctx);
  if (form.get("decision") !== "allow") {
    const description =
      name === "microsoft" ? "AADSTS65004: User declined to consent to access the app." : undefined;
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
      error: "access_denied",
      ...(description ? { error_description: description } : {}),
    });
    ctx.status = 303;
    ctx.redirect(returnTo);
    return;
  }
  const ticked = new Set(form.getAll("scope"));
  const requested = requestedScopes(interaction);
  const keep = (scope: string) =>
    name === "microsoft" || SCOPES.google[scope]?.basic === true || ticked.has(scope);
  // A fresh grant per consent: the token carries exactly what was allowed this time.
  const grant = new provider.Grant({
    accountId: interaction.session?.accountId,
    clientId: String(interaction.params.client_id),
  });
  const granted = requested.filter(keep);
  const refused = requested.filter((scope) => !keep(scope));
  if (granted.length) grant.addOIDCScope(granted.join(" "));
  if (refused.length) grant.rejectOIDCScope(refused.join(" "));
  const missingClaims = interaction.prompt.details.missingOIDCClaims;
  if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
  const grantId = await grant.save();
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

/** The login and consent pages oidc-provider sends people to (plain HTML forms). */
export function interactionRoutes(server: FakeOAuthServer) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const match = ROUTE.exec(ctx.path);
    if (!match) return next();
    const action = match[2];
    try {
      const interaction = await server.provider.interactionDetails(ctx.req, ctx.res);
      if (interaction.uid !== match[1]) throw new Error("interaction mismatch");
      if (ctx.method === "GET" && !action) return await renderPage(server, ctx, interaction);
      if (ctx.method === "POST" && action === "login") return await submitLogin(server, ctx, interaction);
      if (ctx.method === "POST" && action === "consent") return await submitConsent(server, ctx, interaction);
      ctx.status = 405;
    } catch (error) {
      ctx.status = 400;
      ctx.type = "html";
      const description = error instanceof Error ? error.message : "interaction failed";
      ctx.body = errorPageHtml(server.name, "invalid_request", description);
    }
  };
}
