import { z } from "zod";
import { id, idList } from "@/lib/ids/id-schemas";
import { connectLinkLifetime } from "./connect-link-state";

export const createConnectLinksInput = z.object({
  ids: idList(1000).pipe(z.array(id).min(1, { error: "mailboxes.connectLinks.noneSelected" })),
  expiresInDays: z.coerce
    .number({ error: "errors.validation.invalid" })
    .int({ error: "errors.validation.invalid" })
    .min(connectLinkLifetime.minDays, { error: "mailboxes.connectLinks.expiryRange" })
    .max(connectLinkLifetime.maxDays, { error: "mailboxes.connectLinks.expiryRange" })
    .default(connectLinkLifetime.defaultDays),
});
export type CreateConnectLinksInput = z.infer<typeof createConnectLinksInput>;

export const connectLinkIdInput = z.object({ id });
export type ConnectLinkIdInput = z.infer<typeof connectLinkIdInput>;
