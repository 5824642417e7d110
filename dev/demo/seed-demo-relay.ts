import type { Db } from "@/lib/db/client";
import { hashRelayPassword } from "@/lib/relay-credentials/relay-secret";
import { demoMailboxes } from "./demo-providers";

/** The demo copier's credential: fixed and printed at start, since the demo is on 127.0.0.1 only. */
export const demoRelayCredential = {
  name: "Copieur salle des profs (démo)",
  username: "relay-demo-copier",
  password: "relais-demo-relay-password",
  mailbox: demoMailboxes[0].address,
} as const;

/** Gives the demo school a relay credential for its Google mailbox, once. */
export async function seedDemoRelay(db: Db, tenantSlug: string): Promise<void> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: tenantSlug }, select: { id: true } });
  const exists = await db.relayCredential.findUnique({ where: { username: demoRelayCredential.username } });
  if (exists) return;
  const mailbox = await db.mailbox.findFirstOrThrow({
    where: { tenantId: tenant.id, address: demoRelayCredential.mailbox },
    select: { id: true },
  });
  await db.relayCredential.create({
    data: {
      tenantId: tenant.id,
      name: demoRelayCredential.name,
      username: demoRelayCredential.username,
      passwordHash: hashRelayPassword(demoRelayCredential.password),
      fromPolicy: "fixed_keep_name",
      allowedNetworks: ["127.0.0.0/8", "::1/128"],
      mailboxes: { create: [{ mailboxId: mailbox.id }] },
    },
  });
}
