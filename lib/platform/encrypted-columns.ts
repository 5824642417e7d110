import { clientSecretAad } from "@/lib/clients/client-configuration-id";

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
];
