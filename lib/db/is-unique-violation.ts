import { Prisma } from "./generated/client";

/**
 * A unique constraint refused the write (two requests raced for the same slug, address or
 * idempotency key), whichever way the statement went: Prisma's model API (P2002), `pg` itself
 * (SQLSTATE 23505, named statements), or Prisma's raw path, which wraps the driver's error.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  const record = error as {
    code?: unknown;
    message?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
  } | null;
  return (
    record?.code === "23505" ||
    record?.meta?.code === "23505" ||
    record?.meta?.driverAdapterError?.cause?.originalCode === "23505" ||
    record?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    /\b23505\b|unique constraint/i.test(String(record?.message ?? ""))
  );
}
