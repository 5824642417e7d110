import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate-with-password";
import { throttle } from "@/lib/auth/sign-in-throttle";
import { consumeSignInLink, inspectSignInLink, requestSignInLink } from "@/lib/auth/sign-in-links";
import { hashLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import { seedUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

async function latestLinkTokenTo(email: string): Promise<string> {
  const db = await getDb();
  const mail = await db.capturedMail.findFirstOrThrow({
    where: { to: email },
    orderBy: { createdAt: "desc" },
  });
  const token = /token=([\w-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no link in ${mail.text}`);
  return token;
}

describe("password sign-in", () => {
  it("accepts the right password, case-insensitively on the address", async () => {
    const user = await seedUser({ email: "alice@school.test", password: "a long password" });
    const result = await authenticateWithPassword("  Alice@School.test ", "a long password", "198.51.100.1");
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name } });
  });

  it("answers the same for an unknown address and a wrong password, and records both", async () => {
    await seedUser({ email: "bob@school.test", password: "a long password" });
    const wrong = await authenticateWithPassword("bob@school.test", "not it", "198.51.100.2");
    const unknown = await authenticateWithPassword("nobody@school.test", "not it", "198.51.100.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    const db = await getDb();
    expect(await db.signInAttempt.count({ where: { ip: "198.51.100.2", succeeded: false } })).toBe(2);
  });

  it("throttles an address after repeated failures, even with the right password", async () => {
    await seedUser({ email: "carol@school.test", password: "a long password" });
    for (let i = 0; i < throttle.maxFailuresPerEmail; i++) {
      await authenticateWithPassword("carol@school.test", `guess ${i}`, `198.51.100.${10 + i}`);
    }
    const result = await authenticateWithPassword("carol@school.test", "a long password", "198.51.100.99");
    expect(result).toEqual({ ok: false, reason: "throttled" });
  });

  it("throttles an IP that tries many addresses", async () => {
    await seedUser({ email: "dave@school.test", password: "a long password" });
    for (let i = 0; i < throttle.maxFailuresPerIp; i++) {
      await authenticateWithPassword(`spray${i}@school.test`, "guess", "192.0.2.50");
    }
    expect(await authenticateWithPassword("dave@school.test", "a long password", "192.0.2.50")).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await authenticateWithPassword("dave@school.test", "a long password", "192.0.2.51")).ok).toBe(
      true,
    );
  });

  it("refuses a disabled person", async () => {
    const db = await getDb();
    const user = await seedUser({ email: "erin@school.test", password: "a long password" });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await authenticateWithPassword("erin@school.test", "a long password", null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("email sign-in links", () => {
  it("mail a link that works once", async () => {
    const user = await seedUser({ email: "frank@school.test" });
    await requestSignInLink("Frank@school.test", "en");
    const token = await latestLinkTokenTo("frank@school.test");
    const db = await getDb();
    const stored = await db.signInLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashLinkToken(token));
    expect(stored.tokenHash).not.toContain(token);

    expect(await inspectSignInLink(token)).toBe("valid");
    expect(await consumeSignInLink(token)).toMatchObject({ id: user.id });
    expect(await inspectSignInLink(token)).toBe("used");
    expect(await consumeSignInLink(token)).toBeNull();
  });

  it("let only one of two simultaneous uses through", async () => {
    await seedUser({ email: "grace@school.test" });
    await requestSignInLink("grace@school.test", "en");
    const token = await latestLinkTokenTo("grace@school.test");
    const results = await Promise.all([consumeSignInLink(token), consumeSignInLink(token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuse an expired link", async () => {
    const user = await seedUser({ email: "heidi@school.test" });
    await requestSignInLink("heidi@school.test", "en");
    const token = await latestLinkTokenTo("heidi@school.test");
    const db = await getDb();
    await db.signInLink.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await inspectSignInLink(token)).toBe("expired");
    expect(await consumeSignInLink(token)).toBeNull();
  });

  it("mail nothing for an unknown address, in the person's language otherwise", async () => {
    const db = await getDb();
    await requestSignInLink("ghost@school.test", "en");
    expect(await db.capturedMail.count({ where: { to: "ghost@school.test" } })).toBe(0);
    await seedUser({ email: "ivan@school.test", locale: "fr" });
    await requestSignInLink("ivan@school.test", "en");
    const mail = await db.capturedMail.findFirstOrThrow({ where: { to: "ivan@school.test" } });
    expect(mail.subject).toBe("Votre lien de connexion à Relais");
  });
});
