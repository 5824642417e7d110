import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { notifyAdminsOfBrokenConfigurations } from "@/lib/notifications/notify-configuration-admins";
import { notifyOwnersOfBrokenMailboxes } from "@/lib/notifications/notify-mailbox-owners";
import { countQueuedMail, countQueuedMailByMailbox } from "@/lib/revocation/count-queued-mail";
import { revokeConnection, revokeConnections } from "@/lib/revocation/revoke-connection";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { getConnectionDetails } from "@/lib/tokens/get-connection-details";
import { restoreConfigErrorConnections } from "@/lib/clients/restore-config-error-connections";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { useTestDatabase } from "../../support/test-db";
import {
  connectAtFake,
  seedConnection,
  seedFakeConfiguration,
  useTokenTestEnvironment,
} from "../../multi/token-fixtures";
import { useTokenFakes } from "../../multi/use-token-fakes";
import { form } from "../../support/action-helpers";

// The actions run outside a request here: the session, the headers and the cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const actions = await import("@/lib/revocation/revocation-actions");

useTokenTestEnvironment();
delete process.env.RELAIS_SMTP_URL;
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => {
  signedInAs.id = null;
  fakes.control.resetStats();
});

/** Tenant A's admin, and tenant B with a live connection, a broken one and a refused configuration. */
async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const bConfig = await seedFakeConfiguration(fakes, b.tenant.id, "google");
  const { mailbox: bLive } = await connectAtFake(fakes, "google", {
    tenantId: b.tenant.id,
    clientConfigurationId: bConfig.id,
    address: `live-${crypto.randomUUID().slice(0, 8)}@b.test`,
    accessExpiresIn: -10,
    ownerIds: [b.member.id],
  });
  const bBroken = await seedConnection({
    tenantId: b.tenant.id,
    clientConfigurationId: bConfig.id,
    address: `broken-${crypto.randomUUID().slice(0, 8)}@b.test`,
    state: "needs_reconnect",
    ownerIds: [b.member.id],
  });
  const bRefusedConfig = await seedFakeConfiguration(fakes, b.tenant.id, "microsoft");
  const db = await getDb();
  await db.clientConfiguration.update({
    where: { id: bRefusedConfig.id },
    data: { brokenAt: new Date(), brokenReason: "AADSTS7000222" },
  });
  await seedConnection({
    tenantId: b.tenant.id,
    clientConfigurationId: bRefusedConfig.id,
    address: `refused-${crypto.randomUUID().slice(0, 8)}@b.test`,
    state: "config_error",
    accessToken: "at",
    refreshToken: "rt",
  });
  const ctxA = await contextFor(a.admin, a.tenant, "mailboxes.write");
  return { a, b, ctxA, bLive, bBroken, bRefusedConfig };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    mailboxes: await db.mailbox.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    configurations: await db.clientConfiguration.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    pending: await db.pendingRevocation.count({ where: { tenantId } }),
    audit: await db.auditEntry.count({ where: { tenantId } }),
    mail: await db.capturedMail.count(),
  };
}

describe("connections: tenant isolation", () => {
  it("every entry point answers not found for B's mailboxes, and B is unchanged", async () => {
    const { a, b, ctxA, bLive, bBroken } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);

    for (const forceRefresh of [false, true]) {
      await expect(getAccessToken(bLive.id, { tenantId: a.tenant.id, forceRefresh })).rejects.toMatchObject({
        code: "not_found",
      });
    }
    await expect(getConnectionDetails(ctxA, bLive.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeConnection(ctxA, bLive.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeConnections(ctxA, [bLive.id, bBroken.id])).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(countQueuedMail(ctxA, bLive.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await countQueuedMailByMailbox(ctxA, [bLive.id, bBroken.id])).toEqual({});

    signedInAs.id = a.admin.id;
    for (const tenant of [a.tenant.slug, b.tenant.slug]) {
      const one = await actions.revokeConnectionAction(null, form({ tenant, id: bLive.id }));
      expect(one).toMatchObject({ ok: false, code: "not_found" });
      const many = await actions.revokeConnectionsAction(null, form({ tenant, ids: [bLive.id, bBroken.id] }));
      expect(many).toMatchObject({ ok: false, code: "not_found" });
    }

    expect(await snapshotOf(b.tenant.id)).toEqual(before);
    expect(fakes.control.stats().tokenRequestsByGrantType.refresh_token ?? 0).toBe(0);
    expect(fakes.control.stats().revocationRequests).toBe(0);
  });

  it("A's background work and configuration hook leave B's rows alone", async () => {
    const { a, b, bRefusedConfig } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    const db = await getDb();

    expect(await notifyOwnersOfBrokenMailboxes({ tenantId: a.tenant.id })).toBe(0);
    expect(await notifyAdminsOfBrokenConfigurations(a.tenant.id)).toBe(0);
    const restored = await db.$transaction((tx) =>
      restoreConfigErrorConnections(tx, { tenantId: a.tenant.id, clientConfigurationId: bRefusedConfig.id }),
    );
    expect(restored).toBe(0);

    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("a member of A cannot reach B's mailboxes either", async () => {
    const { a, b, bLive } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    const ctx = await contextFor(a.member, a.tenant);

    await expect(getConnectionDetails(ctx, bLive.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeConnection(ctx, bLive.id)).rejects.toMatchObject({ code: "not_found" });
    signedInAs.id = a.member.id;
    const result = await actions.revokeConnectionAction(null, form({ tenant: b.tenant.slug, id: bLive.id }));
    expect(result).toMatchObject({ ok: false, code: "not_found" });

    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });
});
