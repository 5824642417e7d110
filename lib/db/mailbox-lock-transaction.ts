/**
 * The time limits of a transaction that locks mailbox rows a token refresh
 * may hold (lib/tokens/get-access-token.ts): a refresh holds its mailbox's
 * lock across one provider call, which the guarded fetch ends within 10 s, so
 * such a transaction waits for a connection that long and lives long enough to
 * wait for the lock and do its own work, rather than failing at Prisma's 5 s.
 */
export const MAILBOX_LOCK_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };
