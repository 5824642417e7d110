"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/actions/define-action";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { cancelOutgoingMail } from "./cancel-outgoing-mail";
import { composeSchema, composeToQueueInput } from "./compose-schema";
import { portalQueueAnswerWords } from "./portal-queue-answer";
import { queuePortalMail } from "./queue-portal-mail";
import { retryOutgoingMail } from "./retry-outgoing-mail";
import { sendTestMail } from "./send-test-mail";

const idSchema = z.object({ id: z.string() });

/** Queues a mail written on the compose page; the answer says whether it leaves or waits, and for what. */
export const composeMailAction = tenantAction("outbox.write", composeSchema, async (ctx, input) => {
  const { mailbox, draft } = await composeToQueueInput(input);
  const queued = await queuePortalMail(ctx, mailbox.mailboxId, draft, "compose");
  return portalQueueAnswerWords(
    await getTranslator(),
    await getDateConventions(ctx.timeZone),
    queued,
    queued.answer,
  );
});

export const cancelMailAction = tenantAction("outbox.write", idSchema, async (ctx, input) => ({
  id: (await cancelOutgoingMail({ kind: "person", ctx }, input.id)).id,
}));

export const retryMailAction = tenantAction("outbox.write", idSchema, (ctx, input) =>
  retryOutgoingMail(ctx, input.id),
);

export const sendTestMailAction = tenantAction(
  "outbox.write",
  z.object({ mailboxId: z.string() }),
  async (ctx, input) => {
    const t = await getTranslator();
    const queued = await sendTestMail(ctx, input.mailboxId, t.locale);
    return portalQueueAnswerWords(t, await getDateConventions(ctx.timeZone), queued, queued.answer);
  },
);
