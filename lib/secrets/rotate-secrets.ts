import { getKeyring, type Keyring } from "@/lib/crypto/keyring";
import { needsRotation, reencrypt } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { encryptedColumns, type EncryptedColumn } from "./encrypted-columns";

export interface ColumnRotation {
  /** "Table.column" */
  column: string;
  /** Re-encrypted under the current key. */
  rotated: number;
  /** Already under the current key. */
  current: number;
  /** Changed by someone else between the read and the write: already rewritten by them. */
  changedMeanwhile: number;
  /** Ids of rows whose value no configured key opens (left as they are). */
  failed: string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIRST_UUID = "00000000-0000-0000-0000-000000000000";

function quoted(identifier: string): string {
  // Names come from encryptedColumns, never from input; checked all the same.
  if (!IDENTIFIER.test(identifier)) throw new Error(`Not an identifier: ${identifier}`);
  return `"${identifier}"`;
}

async function rotateColumn(entry: EncryptedColumn, keyring: Keyring, batchSize: number) {
  const db = await getDb();
  const [table, column] = [quoted(entry.table), quoted(entry.column)];
  const report: ColumnRotation = {
    column: `${entry.table}.${entry.column}`,
    rotated: 0,
    current: 0,
    changedMeanwhile: 0,
    failed: [],
  };
  // Keyset pagination by id: each batch is short, and rows written meanwhile are not read twice.
  for (let cursor = FIRST_UUID; ;) {
    const rows = await db.$queryRawUnsafe<{ id: string; value: string }[]>(
      `SELECT "id"::text AS id, ${column} AS value FROM ${table}
        WHERE ${column} IS NOT NULL AND "id" > $1::uuid ORDER BY "id" LIMIT ${batchSize}`,
      cursor,
    );
    for (const { id, value } of rows) {
      let next: string;
      try {
        if (!needsRotation(value, keyring)) {
          report.current++;
          continue;
        }
        next = reencrypt(value, entry.aad(id), keyring);
      } catch {
        report.failed.push(id);
        continue;
      }
      // Compare-and-set: a value replaced meanwhile (a new secret saved) is not overwritten.
      const written = await db.$executeRawUnsafe(
        `UPDATE ${table} SET ${column} = $1 WHERE "id" = $2::uuid AND ${column} = $3`,
        next,
        id,
        value,
      );
      if (written === 1) report.rotated++;
      else report.changedMeanwhile++;
    }
    if (rows.length < batchSize) return report;
    cursor = rows.at(-1)!.id;
  }
}

/**
 * Re-encrypts every stored secret under the keyring's current key, in
 * batches. Idempotent: a second run finds everything current. Values that
 * no configured key opens are reported by row id and left untouched.
 */
export async function rotateSecrets({
  keyring = getKeyring(),
  batchSize = 500,
}: { keyring?: Keyring; batchSize?: number } = {}): Promise<ColumnRotation[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("batchSize must be a positive integer");
  const reports: ColumnRotation[] = [];
  for (const entry of encryptedColumns) reports.push(await rotateColumn(entry, keyring, batchSize));
  return reports;
}
