type Env = Record<string, string | undefined>;

/**
 * RELAIS_ALLOW_LOCAL_PROVIDERS=true lets tenant-typed URLs reach 127.0.0.0/8
 * and ::1 (also over plain http), so that tests and development can run fake
 * OAuth providers on this machine. Nothing else private is ever allowed.
 */
export function localProvidersAllowed(env: Env = process.env): boolean {
  return env.RELAIS_ALLOW_LOCAL_PROVIDERS === "true";
}

export class UnsafeOutboundSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeOutboundSettingsError";
  }
}

/**
 * Refuses to start a production server that would let tenants point it at
 * this machine's own services. The one exception is the demo: a production
 * build run on localhost against local fake providers, marked by RELAIS_DEMO=true.
 */
export function assertOutboundSettingsSafeForProduction(env: Env = process.env): void {
  if (env.NODE_ENV !== "production" || !localProvidersAllowed(env)) return;
  if (env.RELAIS_DEMO === "true") return;
  throw new UnsafeOutboundSettingsError(
    "RELAIS_ALLOW_LOCAL_PROVIDERS=true is refused when NODE_ENV=production: it lets tenants make the server " +
      "call its own loopback services. Remove it (or set RELAIS_DEMO=true for the local demo only).",
  );
}
