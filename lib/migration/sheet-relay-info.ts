import { relayConnectionInfo, relaySettings } from "@/lib/relay/relay-settings";

export type SheetRelayInfo = ReturnType<typeof relayConnectionInfo> & {
  /** How the legacy (TLS 1.0/1.1) listener starts TLS, when there is one. */
  legacyMode: "starttls" | "tls" | null;
};

/** The relay's host and ports for the devices' sheets, with the legacy listener's mode. */
export function sheetRelayInfo(env: Record<string, string | undefined> = process.env): SheetRelayInfo {
  const info = relayConnectionInfo(env);
  let legacyMode: SheetRelayInfo["legacyMode"] = null;
  try {
    const legacy = relaySettings(env).listeners.find((listener) => listener.legacyTls);
    if (legacy) legacyMode = legacy.kind === "tls" ? "tls" : "starttls";
  } catch {
    // Settings that do not parse: relayConnectionInfo already says "not configured".
  }
  return { ...info, legacyMode };
}
