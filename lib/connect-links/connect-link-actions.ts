"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { connectLinkIdInput, createConnectLinksInput } from "./connect-link-schemas";
import { createConnectLinks } from "./create-connect-links";
import { revokeConnectLink } from "./revoke-connect-link";

/** Sends links to the selected mailboxes, each in its recipient's language; the answer never holds a token. */
export const createConnectLinksAction = tenantAction(
  "mailboxes.write",
  createConnectLinksInput,
  async (ctx, input) => {
    const { expiresAt, links } = await createConnectLinks(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`, "layout");
    return {
      expiresAt,
      sent: links.filter((l) => l.mailed).length,
      notMailed: links.filter((l) => !l.mailed).map((l) => l.address),
    };
  },
);

export const revokeConnectLinkAction = tenantAction(
  "mailboxes.write",
  connectLinkIdInput,
  async (ctx, input) => {
    const result = await revokeConnectLink(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`, "layout");
    return result;
  },
);
