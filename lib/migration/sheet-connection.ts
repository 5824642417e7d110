import type { MessageKey } from "@/lib/i18n/catalog";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";
import type { ListenerNeed } from "./sender-status";

/** What a device's sheet says about port and security, from the TLS versions the sender needs. */
export type SheetConnection =
  | {
      configured: true;
      port: number;
      security: MessageKey;
      /** Port 465 (SSL/TLS) beside 587 (STARTTLS), for devices that offer only that. */
      tlsAlternative: number | null;
      risk: MessageKey | null;
    }
  | { configured: false; problem: MessageKey };

export function sheetConnection(listener: ListenerNeed, info: RelayConnectionInfo): SheetConnection {
  if (listener === "legacy") {
    if (info.legacyPort === null)
      return { configured: false, problem: "migration.sheet.legacyNotConfigured" };
    return {
      configured: true,
      port: info.legacyPort,
      security: info.legacyMode === "tls" ? "migration.sheet.legacyTls" : "migration.sheet.legacyStarttls",
      tlsAlternative: null,
      risk: "migration.sheet.legacyRisk",
    };
  }
  if (listener === "plain") {
    if (info.plainPort === null) return { configured: false, problem: "migration.sheet.plainNotConfigured" };
    return {
      configured: true,
      port: info.plainPort,
      security: "migration.sheet.none",
      tlsAlternative: null,
      risk: "migration.sheet.plainRisk",
    };
  }
  if (info.submissionPort !== null) {
    return {
      configured: true,
      port: info.submissionPort,
      security: "migration.sheet.starttls",
      tlsAlternative: info.tlsPort,
      risk: null,
    };
  }
  if (info.tlsPort !== null) {
    return {
      configured: true,
      port: info.tlsPort,
      security: "migration.sheet.implicitTls",
      tlsAlternative: null,
      risk: null,
    };
  }
  return { configured: false, problem: "migration.sheet.notConfigured" };
}
