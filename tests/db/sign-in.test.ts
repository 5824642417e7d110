import { afterEach, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate-with-password";
import { authorizePassword } from "@/lib/auth/options";
import { throttle } from "@/lib/auth/sign-in-throttle";
import { consumeSignInLink, inspectSignInLink, requestSignInLink } from "@/lib/auth/sign-in-links";
import { hashLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import { headersFrom } from "../support/client-address";
import { seedUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { readable } from "../support/captured-mail";

useTestDatabase();

async function latestLinkTokenTo(email: string): Promise<string> {
  const db = await getDb();
  const mail = readable(
    await db.capturedMail.findFirstOrThrow({
      where: { to: email },
      orderBy: { createdAt: "desc" },
    }),
  );
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

describe("the address password sign-in counts (docs/client-address.md)", () => {
  afterEach(() => {
    delete process.env.RELAIS_TRUSTED_PROXIES;
  });

  // What next-auth hands the password provider: the form's fields and the request's headers.
  const signIn = (email: string, password: string, headers: Record<string, string>) =>
    authorizePassword({ email, password }, { headers });

  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For the client writes", async () => {
    const user = await seedUser({ email: "judy@school.test", password: "a long password" });
    for (let i = 0; i < throttle.maxFailuresPerIp; i++) {
      const spoofed = { "x-forwarded-for": `198.51.100.${100 + i}`, "x-real-ip": `198.51.100.${200 + i}` };
      await expect(
        signIn(`spray-xff-${i}@school.test`, "guess", headersFrom("192.0.2.60", spoofed)),
      ).rejects.toThrow("CredentialsSignin");
    }
    const db = await getDb();
    const attempts = await db.signInAttempt.findMany({ where: { email: { startsWith: "spray-xff-" } } });
    expect(new Set(attempts.map((attempt) => attempt.ip))).toEqual(new Set(["192.0.2.60"]));

    // A fresh X-Forwarded-For does not get the same socket address past the throttle…
    const fresh = headersFrom("192.0.2.60", { "x-forwarded-for": "203.0.113.250" });
    await expect(signIn("judy@school.test", "a long password", fresh)).rejects.toThrow("Throttled");
    // …while another address signs in.
    await expect(
      signIn("judy@school.test", "a long password", headersFrom("192.0.2.61")),
    ).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("is the client a trusted proxy names, so that one client's failures do not lock out the others behind it", async () => {
    process.env.RELAIS_TRUSTED_PROXIES = "10.0.0.0/8";
    const user = await seedUser({ email: "ken@school.test", password: "a long password" });
    // client → load balancer 10.0.0.1 → nginx 10.0.0.2 → Relais; the client wrote a hop of its own each time.
    const viaProxies = (client: string, spoofed: string) =>
      headersFrom("10.0.0.2", { "x-forwarded-for": `${spoofed}, ${client}, 10.0.0.1` });
    for (let i = 0; i < throttle.maxFailuresPerIp; i++) {
      await expect(
        signIn(`spray-proxied-${i}@school.test`, "guess", viaProxies("198.51.100.70", `203.0.113.${i}`)),
      ).rejects.toThrow("CredentialsSignin");
    }
    const db = await getDb();
    const attempts = await db.signInAttempt.findMany({ where: { email: { startsWith: "spray-proxied-" } } });
    expect(new Set(attempts.map((attempt) => attempt.ip))).toEqual(new Set(["198.51.100.70"]));

    await expect(
      signIn("ken@school.test", "a long password", viaProxies("198.51.100.70", "203.0.113.99")),
    ).rejects.toThrow("Throttled");
    await expect(
      signIn("ken@school.test", "a long password", viaProxies("198.51.100.71", "198.51.100.70")),
    ).resolves.toMatchObject({ id: user.id });
    expect(await db.signInAttempt.count({ where: { ip: { startsWith: "10." } } })).toBe(0);
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
