import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { personActor } from "@/lib/oauth-flow/flow-actor";
import { openFlowResult } from "@/lib/oauth-flow/flow-result";
import { loadDevicePage } from "@/lib/oauth-flow/load-device-page";
import { seedMember, seedTenantWithPeople } from "../../support/factories";
import { setOAuthFlowEnvironment } from "../../support/oauth-flow-fixtures";
import { useTestDatabase } from "../../support/test-db";

// The route handlers run outside a request here: the session and the request's headers are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
const authorizeRoute = await import("@/app/api/oauth/authorize/route");
const deviceRoute = await import("@/app/api/oauth/device/route");
const deviceStatusRoute = await import("@/app/api/oauth/device/[id]/route");

setOAuthFlowEnvironment();
useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
});

const PORTAL = process.env.NEXTAUTH_URL!;

/** A tenant with an admin, a member, a Google configuration and one mailbox, plus one device grant on it. */
async function school() {
  const { tenant, admin, member } = await seedTenantWithPeople();
  const db = await getDb();
  const configuration = await db.clientConfiguration.create({
    data: {
      tenantId: tenant.id,
      name: "Google",
      provider: "google",
      clientId: "school.apps.googleusercontent.com",
      authorizationEndpoint:
        "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline",
      tokenEndpoint: "https://oauth2.googleapis.com/token",
      deviceEndpoint: "https://oauth2.googleapis.com/device/code",
      scopes: ["https://mail.google.com/", "openid", "email"],
      smtpHost: "smtp.gmail.com",
      smtpPort: 465,
      smtpSecurity: "tls",
    },
  });
  const mailbox = await db.mailbox.create({
    data: {
      tenantId: tenant.id,
      clientConfigurationId: configuration.id,
      address: `office-${randomBytes(3).toString("hex")}@school.test`,
    },
  });
  const grant = await db.deviceAuthorization.create({
    data: {
      tenantId: tenant.id,
      mailboxId: mailbox.id,
      clientConfigurationId: configuration.id,
      userId: admin.id,
      deviceCodeCipher: "v1.not.a.cipher",
      userCode: "ABCD-EFGH",
      verificationUri: "https://www.google.com/device",
      intervalSeconds: 5,
      expiresAt: new Date(Date.now() + 1800_000),
      nextPollAt: new Date(Date.now() - 1000),
    },
  });
  return { tenant, admin, member, configuration, mailbox, grant };
}

function outcomeOf(response: Response) {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location")!);
  if (location.pathname !== "/oauth/result") return { redirectedTo: location };
  return openFlowResult(location.searchParams.get("r"));
}

const authorize = (query: Record<string, string>) =>
  authorizeRoute.GET(new Request(`${PORTAL}/api/oauth/authorize?${new URLSearchParams(query)}`));

const startDevice = (form: Record<string, string>) =>
  deviceRoute.POST(
    new Request(`${PORTAL}/api/oauth/device`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { origin: PORTAL },
    }),
  );

const deviceStatus = (id: string, tenant: string) =>
  deviceStatusRoute.GET(new Request(`${PORTAL}/api/oauth/device/${id}?tenant=${tenant}`), {
    params: Promise.resolve({ id }),
  });

async function unchanged(b: Awaited<ReturnType<typeof school>>) {
  const db = await getDb();
  expect(await db.oAuthAuthorization.count({ where: { mailboxId: b.mailbox.id } })).toBe(0);
  expect(await db.deviceAuthorization.findUniqueOrThrow({ where: { id: b.grant.id } })).toMatchObject({
    status: "pending",
    nextPollAt: b.grant.nextPollAt,
    errorCode: null,
  });
  expect(await db.deviceAuthorization.count({ where: { mailboxId: b.mailbox.id } })).toBe(1);
}

describe("authorization flows across tenants", () => {
  it("tenant A's admin gets not found for B's mailbox and grant, by A's slug or by B's", async () => {
    const a = await school();
    const b = await school();
    signedInAs.id = a.admin.id;
    for (const tenant of [a.tenant.slug, b.tenant.slug]) {
      expect(outcomeOf(await authorize({ tenant, mailbox: b.mailbox.id }))).toMatchObject({
        outcome: "not_found",
      });
      expect(outcomeOf(await startDevice({ tenant, mailbox: b.mailbox.id }))).toMatchObject({
        outcome: "not_found",
      });
      const status = await deviceStatus(b.grant.id, tenant);
      expect(status.status).toBe(404);
      expect(await status.json()).toEqual({ error: "not_found" });
    }
    const actor = await personActor({ userId: a.admin.id, email: a.admin.email, ip: null }, a.tenant.slug);
    const t = createTranslator("en");
    await expect(loadDevicePage(actor, b.mailbox.id, b.grant.id, t)).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await loadDevicePage(actor, a.mailbox.id, b.grant.id, t)).grant).toBeNull();
    await unchanged(b);
  });

  it("a member not assigned to a mailbox cannot start its flows; once assigned, can", async () => {
    const a = await school();
    signedInAs.id = a.member.id;
    expect(outcomeOf(await authorize({ tenant: a.tenant.slug, mailbox: a.mailbox.id }))).toMatchObject({
      outcome: "not_found",
    });
    expect(outcomeOf(await startDevice({ tenant: a.tenant.slug, mailbox: a.mailbox.id }))).toMatchObject({
      outcome: "not_found",
    });
    expect((await deviceStatus(a.grant.id, a.tenant.slug)).status).toBe(404);

    const db = await getDb();
    await db.mailboxAssignment.create({
      data: { tenantId: a.tenant.id, mailboxId: a.mailbox.id, userId: a.member.id },
    });
    const started = outcomeOf(await authorize({ tenant: a.tenant.slug, mailbox: a.mailbox.id }));
    expect(started).toMatchObject({ redirectedTo: expect.any(URL) });
    const provider = (started as { redirectedTo: URL }).redirectedTo;
    expect(provider.origin).toBe("https://accounts.google.com");
    expect(provider.searchParams.get("login_hint")).toBe(a.mailbox.address);
    expect(
      await db.oAuthAuthorization.count({ where: { mailboxId: a.mailbox.id, userId: a.member.id } }),
    ).toBe(1);
  });

  it("another member of the same tenant cannot read a grant someone else started", async () => {
    const a = await school();
    const colleague = await seedMember(a.tenant.id, "admin");
    signedInAs.id = colleague.id;
    expect((await deviceStatus(a.grant.id, a.tenant.slug)).status).toBe(404);
  });

  it("without a session, the start sends to sign-in and the status answers 401", async () => {
    const a = await school();
    const response = await authorize({ tenant: a.tenant.slug, mailbox: a.mailbox.id });
    expect(new URL(response.headers.get("location")!).pathname).toBe("/signin");
    expect((await deviceStatus(a.grant.id, a.tenant.slug)).status).toBe(401);
  });

  it("refuses a device start posted from another site", async () => {
    const a = await school();
    signedInAs.id = a.admin.id;
    const response = await deviceRoute.POST(
      new Request(`${PORTAL}/api/oauth/device`, {
        method: "POST",
        body: new URLSearchParams({ tenant: a.tenant.slug, mailbox: a.mailbox.id }),
        headers: { origin: "https://evil.example" },
      }),
    );
    expect(response.status).toBe(403);
  });

  it("takes a device start from its own no-referrer page (Origin: null) only when the browser says it is same-origin", async () => {
    const a = await school();
    signedInAs.id = a.admin.id;
    const post = (headers: Record<string, string>) =>
      deviceRoute.POST(
        new Request(`${PORTAL}/api/oauth/device`, {
          method: "POST",
          body: new URLSearchParams({ tenant: a.tenant.slug, mailbox: a.mailbox.id }),
          headers,
        }),
      );
    expect((await post({ origin: "null", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ origin: "null", "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await post({ origin: "null" })).status).toBe(403);
    expect((await post({ origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(303);
  });

  it("a connect link opens its own tenant's mailbox only, and an unknown link nothing", async () => {
    const b = await school();
    expect(outcomeOf(await authorize({ link: "not-a-link" }))).toMatchObject({ outcome: "link_invalid" });
    expect(outcomeOf(await startDevice({ link: "not-a-link" }))).toMatchObject({ outcome: "link_invalid" });
    const status = await deviceStatusRoute.GET(
      new Request(`${PORTAL}/api/oauth/device/${b.grant.id}?link=not-a-link`),
      {
        params: Promise.resolve({ id: b.grant.id }),
      },
    );
    expect(status.status).toBe(404);
    await unchanged(b);
  });
});
