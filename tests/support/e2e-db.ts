import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, expect } from "vitest";
import { useDb, type Db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { e2eBaseUrl, e2eDatabaseUrl } from "./e2e-env";

export interface E2eDatabase {
  db: Db;
}

/**
 * The server's own database, installed as this process's database so that
 * the factories (seedTenant, seedMember with a password…) seed what the
 * browser then sees.
 */
export function useE2eDatabase(): E2eDatabase {
  const handle = {} as E2eDatabase;
  beforeAll(() => {
    handle.db = new PrismaClient({ adapter: new PrismaPg({ connectionString: e2eDatabaseUrl() }) });
    useDb(handle.db, "postgresql");
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
  });
  return handle;
}

/**
 * The newest mail captured for an address since a moment, with its text. The
 * server writes it in the request that answered the form, so it is normally
 * there at once; the short wait only covers a slow commit. The text is stored
 * encrypted under the server's key, so it is read from the server itself
 * (`/dev/mail/<id>`), as a person reads it on the captured-mail page.
 */
export async function capturedMailTo(db: Db, to: string, since: Date) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const mail = await db.capturedMail.findFirst({
      where: { to, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      select: { id: true, to: true, subject: true, createdAt: true },
    });
    if (mail) {
      const response = await fetch(`${e2eBaseUrl()}/dev/mail/${mail.id}`);
      if (!response.ok) return expect.fail(`The server could not show captured mail ${mail.id}`);
      return { ...mail, text: await response.text() };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return expect.fail(`No mail to ${to} was captured`);
}

/** The first link in a mail's text that points at the server under test. */
export function linkIn(text: string, baseUrl: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((url) => url.startsWith(baseUrl));
  if (!link) return expect.fail(`No link to ${baseUrl} in the mail:\n${text}`);
  return link;
}
