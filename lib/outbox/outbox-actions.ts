"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/actions/define-action";
import { getTranslator } from "@/lib/i18n/server";
import { cancelOutgoingMail } from "./cancel-outgoing-mail";
import { composeSchema, composeToQueueInput } from "./compose-schema";
import { queueMail } from "./queue-mail";
import { retryOutgoingMail } from "./retry-outgoing-mail";
import { sendTestMail } from "./send-test-mail";

const idSchema = z.object({ id: z.string() });

export const composeMailAction = tenantAction("outbox.write", composeSchema, async (ctx, input) =>
  queueMail({ kind: "person", ctx }, await composeToQueueInput(input)),
);

export const cancelMailAction = tenantAction("outbox.write", idSchema, async (ctx, input) => ({
  id: (await cancelOutgoingMail({ kind: "person", ctx }, input.id)).id,
}));

export const retryMailAction = tenantAction("outbox.write", idSchema, (ctx, input) =>
  retryOutgoingMail(ctx, input.id),
);

export const sendTestMailAction = tenantAction(
  "outbox.write",
  z.object({ mailboxId: z.string() }),
  async (ctx, input) => sendTestMail(ctx, input.mailboxId, (await getTranslator()).locale),
);
