import { Prisma } from "@/lib/db/generated/client";
import { NAMED_SQL_NOW } from "./named-sql";

/**
 * The columns are `timestamp` without time zone holding UTC (as Prisma writes
 * them), so the database's clock is read in UTC whatever the server's TimeZone.
 * All workers use the database's clock, never their own.
 */
export const SQL_NOW = Prisma.raw(NAMED_SQL_NOW);
