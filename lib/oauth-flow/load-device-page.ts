import QRCode from "qrcode";
import { DomainError } from "@/lib/errors/domain-error";
import type { Translator } from "@/lib/i18n/translate";
import { getSchoolTimeZone } from "@/lib/tenants/get-school-time-zone";
import { deviceStatusBody, type DeviceStatusBody } from "./device-status-body";
import { findConnectableMailbox } from "./find-connectable-mailbox";
import { findDeviceAuthorization } from "./find-device-authorization";
import { tenantIdOf, type FlowActor } from "./flow-actor";
import { deviceView } from "./poll-device-authorization";

export type DevicePage = {
  mailbox: { id: string; address: string };
  /** The school's time zone, in which the code's end is shown. */
  timeZone: string;
  /** The grant named in the page's address, when it is the actor's and this mailbox's. */
  grant: { id: string; expiresAt: Date; qrDataUrl: string; status: DeviceStatusBody } | null;
};

/**
 * What the device page shows: the mailbox (which the actor must be allowed
 * to connect) and, once a code was asked for, that grant's code, address and
 * QR code. Reads only: the provider is polled by the page's requests.
 */
export async function loadDevicePage(
  actor: FlowActor,
  mailboxId: string,
  grantId: string | undefined,
  t: Translator,
): Promise<DevicePage> {
  const mailbox = await findConnectableMailbox(actor, mailboxId);
  const row = grantId
    ? await findDeviceAuthorization(actor, grantId).catch((error: unknown) => {
        if (error instanceof DomainError) return null;
        throw error;
      })
    : null;
  const timeZone = actor.kind === "person" ? actor.ctx.timeZone : await getSchoolTimeZone(tenantIdOf(actor));
  const page: DevicePage = { mailbox: { id: mailbox.id, address: mailbox.address }, timeZone, grant: null };
  if (!row || row.mailboxId !== mailbox.id) return page;
  const view = deviceView(row);
  // Drawn on the server: the address comes from the provider and was checked to be http(s).
  const qrDataUrl = await QRCode.toDataURL(view.verificationUriComplete ?? view.verificationUri, {
    margin: 1,
  });
  return {
    ...page,
    grant: { id: row.id, expiresAt: row.expiresAt, qrDataUrl, status: deviceStatusBody(t, view) },
  };
}
