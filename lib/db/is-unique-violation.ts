import { Prisma } from "./generated/client";

/** A unique constraint refused the write: two requests raced for the same slug or address. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
