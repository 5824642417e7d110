import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC, type UnknownObject } from "oidc-provider";
import { authorizationEndpoint } from "./authorization-endpoint";
import { deviceAuthorizationEndpoint } from "./device-authorization-endpoint";
import { discoveryDocument } from "./discovery-document";
import { FakeStore } from "./fake-store";
import {
  GOOGLE_PATHS,
  MICROSOFT_PATHS,
  type FakeOAuthServer,
  type FakeWorld,
  type GrantSourceFlags,
} from "./fake-world";
import { googleRevocation } from "./google-revocation";
import { googleTokenError } from "./google-token-error";
import { interactionRoutes } from "./interaction-routes";
import { microsoftDirectories } from "./microsoft-directories";
import { microsoftTokenError } from "./microsoft-token-error";
import { providerConfiguration } from "./provider-configuration";
import { tokenEndpoint, type FakeRequestState } from "./token-endpoint";
import type { ProviderName } from "./types";

export async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function flagsFrom(name: ProviderName, params: UnknownObject): GrantSourceFlags {
  const prompts = String(params.prompt ?? "").split(" ");
  if (name === "google")
    return { offline: params.access_type === "offline", forceConsent: prompts.includes("consent") };
  return { offline: params.x_fake_offline === "1", forceConsent: prompts.includes("consent") };
}

function keepProviderError(ctx: KoaContextWithOIDC, err: Error): void {
  (ctx.state as FakeRequestState).providerError = err as { error_detail?: string };
}

/**
 * Starts one fake OAuth server on 127.0.0.1. Requests are not served until the caller attaches
 * `provider.callback()` (after adding its own middleware, e.g. the control endpoint).
 */
export async function startFakeOAuthServer(
  name: ProviderName,
  world: FakeWorld,
  port: number,
): Promise<FakeOAuthServer> {
  const http = createServer();
  const actualPort = await listenOnLoopback(http, port);
  const baseUrl = `http://127.0.0.1:${actualPort}`;
  const state = {
    name,
    world,
    baseUrl,
    paths: name === "google" ? GOOGLE_PATHS : MICROSOFT_PATHS,
    store: new FakeStore(world.clock, (id) => world.clients.metadata(name, id)),
    formatError: name === "google" ? googleTokenError : microsoftTokenError,
    sourceFlags: new Map<string, GrantSourceFlags>(),
    offlineGranted: new Set<string>(),
    refreshTokensByPair: new Map<string, string[]>(),
    devicePolls: new Map<string, { last: number; interval: number }>(),
  };
  const provider = new Provider(baseUrl, providerConfiguration(state));
  const server: FakeOAuthServer = { ...state, provider, http };

  provider.on("grant.error", keepProviderError);
  provider.on("device_authorization.error", keepProviderError);
  provider.on("authorization.success", (ctx, out) => {
    if (typeof out?.code === "string")
      server.sourceFlags.set(out.code, flagsFrom(name, ctx.oidc.params ?? {}));
  });

  if (name === "microsoft") provider.use(microsoftDirectories(server));
  provider.use(discoveryDocument(server));
  provider.use(interactionRoutes(server));
  if (name === "google") provider.use(googleRevocation(server));
  provider.use(authorizationEndpoint(server));
  provider.use(deviceAuthorizationEndpoint(server));
  provider.use(tokenEndpoint(server));
  return server;
}
