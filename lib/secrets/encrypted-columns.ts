import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { capturedMailHtmlAad, capturedMailTextAad } from "@/lib/mail/captured-mail-body";
import { accessTokenAad, codeVerifierAad, deviceCodeAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import { pendingRevocationTokenAad } from "@/lib/revocation/pending-revocation-aad";
import { webhookPreviousSecretAad, webhookSecretAad } from "@/lib/webhooks/webhook-secret";

/**
 * Every column that holds a secret encrypted with lib/crypto, and how its
 * associated data is built from the row's id. The rotation command walks
 * this list; a feature that stores a new kind of secret (refresh and access
 * tokens) adds its column here.
 */
export interface EncryptedColumn {
  /** Table name as in the migrations. */
  table: string;
  column: string;
  /** The associated data the value was encrypted with, from the row's id. */
  aad: (id: string) => string;
}

export const encryptedColumns: readonly EncryptedColumn[] = [
  { table: "ClientConfiguration", column: "clientSecretCipher", aad: clientSecretAad },
  { table: "Mailbox", column: "accessTokenCipher", aad: accessTokenAad },
  { table: "Mailbox", column: "refreshTokenCipher", aad: refreshTokenAad },
  { table: "OAuthAuthorization", column: "codeVerifierCipher", aad: codeVerifierAad },
  { table: "DeviceAuthorization", column: "deviceCodeCipher", aad: deviceCodeAad },
  { table: "PendingRevocation", column: "tokenCipher", aad: pendingRevocationTokenAad },
  { table: "CapturedMail", column: "textCipher", aad: capturedMailTextAad },
  { table: "CapturedMail", column: "htmlCipher", aad: capturedMailHtmlAad },
  { table: "WebhookEndpoint", column: "secretCipher", aad: webhookSecretAad },
  { table: "WebhookEndpoint", column: "previousSecretCipher", aad: webhookPreviousSecretAad },
];
