/**
 * Prisma's `contains` becomes LIKE '%value%' without escaping, so a person
 * searching for "_" or "%" would match everything. Backslash is
 * PostgreSQL's default LIKE escape.
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
