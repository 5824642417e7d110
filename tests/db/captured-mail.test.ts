import { afterEach, describe, expect, it, vi } from "vitest";
import { requestSignInLink } from "@/lib/auth/sign-in-links";
import { devToolsEnabled } from "@/lib/config/dev-tools";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { getDb } from "@/lib/db/client";
import { listCapturedMail } from "@/lib/mail/list-captured-mail";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { inviteMember } from "@/lib/members/invite-member";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
const { default: CapturedMailPage } = await import("@/app/dev/mail/page");
const { GET: capturedMailText } = await import("@/app/dev/mail/[id]/route");

/** The text a rendered server component's tree holds. */
function textOf(node: unknown): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (node && typeof node === "object" && "props" in node) {
    return textOf((node as { props: { children?: unknown } }).props.children);
  }
  return "";
}

useTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("listCapturedMail", () => {
  it("gives the mail kept instead of sent, newest first, optionally for one recipient", async () => {
    vi.stubEnv("RELAIS_SMTP_URL", "");
    const stamp = Date.now().toString(36);
    await sendPlatformMail({ to: `ada-${stamp}@school.test`, subject: "First", text: "one" });
    await sendPlatformMail({ to: `bob-${stamp}@school.test`, subject: "Second", text: "two" });
    await sendPlatformMail({
      to: `ada-${stamp}@school.test`,
      subject: "Third",
      text: "three https://x.test/a",
    });

    const all = await listCapturedMail();
    expect(all.slice(0, 3).map((mail) => mail.subject)).toEqual(["Third", "Second", "First"]);
    const forAda = await listCapturedMail({ to: `ADA-${stamp}` });
    expect(forAda.map((mail) => [mail.subject, mail.text])).toEqual([
      ["Third", "three https://x.test/a"],
      ["First", "one"],
    ]);
    expect(await listCapturedMail({ limit: 1 })).toHaveLength(1);
  });
});

describe("the captured-mail page", () => {
  it("exists only with dev tools on", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("RELAIS_DEV_TOOLS", "");
    expect(devToolsEnabled()).toBe(false);
    await expect(CapturedMailPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
    });

    vi.stubEnv("RELAIS_DEV_TOOLS", "true");
    expect(devToolsEnabled()).toBe(true);
    await expect(CapturedMailPage({ searchParams: Promise.resolve({}) })).resolves.toBeTruthy();

    vi.stubEnv("RELAIS_DEV_TOOLS", "");
    vi.stubEnv("NODE_ENV", "development");
    expect(devToolsEnabled()).toBe(true);
  });
});

describe("captured mail at rest", () => {
  it("keeps no usable link in the table: a dump shows addresses and subjects, never a token", async () => {
    vi.stubEnv("RELAIS_SMTP_URL", "");
    const { tenant, admin, member } = await seedTenantWithPeople();
    const config = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
    const mailbox = await seedMailbox(tenant.id, config.id, {
      address: `office-${tenant.slug}@college.test`,
    });
    const invitee = `invitee-${tenant.slug}@college.test`;
    await requestSignInLink(member.email, "en");
    await inviteMember(await contextFor(admin, tenant, "members.write"), { email: invitee, role: "member" });
    await createConnectLinks(await contextFor(admin, tenant, "mailboxes.write"), {
      ids: [mailbox.id],
      expiresInDays: 3,
    });

    // The page (and only the page) opens them: every link is there, clickable.
    const [connect, invitation, signIn] = await listCapturedMail({ limit: 3 });
    expect([connect?.to, invitation?.to, signIn?.to]).toEqual([mailbox.address, invitee, member.email]);
    const tokens = [
      /\/connect\/([A-Za-z0-9_-]{20,})/.exec(connect?.text ?? "")?.[1],
      /\/invitations\/([A-Za-z0-9_-]{20,})/.exec(invitation?.text ?? "")?.[1],
      /token=([A-Za-z0-9_-]{20,})/.exec(signIn?.text ?? "")?.[1],
    ];
    expect(tokens.every((token) => typeof token === "string")).toBe(true);

    // What a database dump holds: every column of every row.
    const db = await getDb();
    const rows = await db.$queryRaw<
      { row: string }[]
    >`SELECT row_to_json(c)::text AS row FROM "CapturedMail" c`;
    const dump = rows.map((r) => r.row).join("\n");
    expect(dump).toContain(member.email);
    expect(dump).toContain(invitee);
    for (const token of tokens) expect(dump).not.toContain(token!);
    for (const clue of ["token=", "/invitations/", "/connect/", "http"]) expect(dump).not.toContain(clue);

    vi.stubEnv("RELAIS_DEV_TOOLS", "true");
    const page = textOf(await CapturedMailPage({ searchParams: Promise.resolve({ to: invitee }) }));
    expect(page).toContain(`/invitations/${tokens[1]}`);
    const plain = await capturedMailText(new Request("http://localhost/dev/mail/x"), {
      params: Promise.resolve({ id: signIn!.id }),
    });
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain(`token=${tokens[2]}`);
  });

  it("binds each body to its row: a ciphertext copied elsewhere opens nowhere", async () => {
    vi.stubEnv("RELAIS_SMTP_URL", "");
    const stamp = Date.now().toString(36);
    await sendPlatformMail({
      to: `one-${stamp}@school.test`,
      subject: "One",
      text: "https://x.test/one?token=abc",
    });
    await sendPlatformMail({ to: `two-${stamp}@school.test`, subject: "Two", text: "two" });
    const db = await getDb();
    const one = await db.capturedMail.findFirstOrThrow({ where: { to: `one-${stamp}@school.test` } });
    await db.capturedMail.updateMany({
      where: { to: `two-${stamp}@school.test` },
      data: { textCipher: one.textCipher },
    });
    const [two] = await listCapturedMail({ to: `two-${stamp}` });
    expect(two?.text).toBeNull();

    vi.stubEnv("RELAIS_DEV_TOOLS", "true");
    const page = textOf(await CapturedMailPage({ searchParams: Promise.resolve({ to: `two-${stamp}` }) }));
    expect(page).toContain("cannot be opened here");
    expect(page).not.toContain("token=abc");
    const plain = await capturedMailText(new Request("http://localhost/dev/mail/x"), {
      params: Promise.resolve({ id: two!.id }),
    });
    expect(plain.status).toBe(409);

    vi.stubEnv("RELAIS_DEV_TOOLS", "");
    vi.stubEnv("NODE_ENV", "production");
    const hidden = await capturedMailText(new Request("http://localhost/dev/mail/x"), {
      params: Promise.resolve({ id: one.id }),
    });
    expect(hidden.status).toBe(404);
  });
});
