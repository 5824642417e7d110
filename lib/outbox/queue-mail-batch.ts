import { randomUUID } from "node:crypto";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import type { MessageKey } from "@/lib/i18n/catalog";
import { checkMailDraft, type CheckedMail } from "./mail-input";
import { providerFamily } from "./mail-limits";
import { tenantOf, type MailSender, type MailboxSelector } from "./mail-sender";
import { insertMailRows, queuedMessageOf } from "./insert-mail-rows";
import { selectorKey, senderMailboxes, type SenderMailbox } from "./sender-mailboxes";
import { outgoingMailRow } from "./outgoing-mail-row";
import type { QueueMailInput } from "./queue-mail";

/** The most messages one batch may hold. */
export const MAX_BATCH_MESSAGES = 500;

/** One message of a batch: a request to queue, or one already refused by its reader (its shape). */
export type BatchEntry<Refusal> = { input: QueueMailInput } | { refused: Refusal };

export type BatchOutcome<Refusal> =
  | { result: "accepted" | "duplicate"; id: string; status: OutgoingMailStatus; messageId: string }
  | { result: "rejected"; error: Refusal | DomainError };

type Mailbox = SenderMailbox;

type Planned = { entry: number; key: string | null; mailbox: Mailbox; mail: CheckedMail };

const invalid = (fieldErrors: Record<string, MessageKey>) =>
  new DomainError("invalid_input", "errors.invalidInput", undefined, fieldErrors);

/** The sender's mailboxes named by the batch, in one query (another tenant's or key's are simply absent). */
async function mailboxesOf(sender: MailSender, selectors: MailboxSelector[]): Promise<Map<string, Mailbox>> {
  const rows = await senderMailboxes(sender, selectors);
  const found = new Map<string, Mailbox>();
  for (const mailbox of rows) {
    found.set(`a:${mailbox.address}`, mailbox);
    found.set(`i:${mailbox.id}`, mailbox);
  }
  return found;
}

/**
 * The mails already queued under the batch's idempotency keys: this sender's
 * are the answer to a repeated key; another sender's key is refused, without
 * saying more about its mail.
 */
async function earlierByKey(sender: MailSender, keys: string[]) {
  const earlier = new Map<string, BatchOutcome<never>>();
  if (keys.length === 0) return earlier;
  const db = await getDb();
  const rows = await db.outgoingMail.findMany({
    where: { tenantId: tenantOf(sender), idempotencyKey: { in: keys } },
    select: {
      id: true,
      status: true,
      messageId: true,
      apiKeyId: true,
      createdById: true,
      idempotencyKey: true,
    },
  });
  for (const row of rows) {
    const same =
      sender.kind === "apiKey" ? row.apiKeyId === sender.apiKeyId : row.createdById === sender.ctx.userId;
    earlier.set(
      row.idempotencyKey!,
      same
        ? { result: "duplicate", id: row.id, status: row.status, messageId: row.messageId }
        : { result: "rejected", error: new DomainError("conflict", "outbox.errors.idempotencyConflict") },
    );
  }
  return earlier;
}

/** Checks every entry; the valid ones come back planned, the others with their outcome. */
function plan<Refusal>(
  entries: BatchEntry<Refusal>[],
  mailboxes: Map<string, Mailbox>,
  earlier: Map<string, BatchOutcome<never>>,
) {
  const outcomes: (BatchOutcome<Refusal> | undefined)[] = entries.map(() => undefined);
  /** Entries repeating a key an earlier entry of the batch holds: they get its answer. */
  const repeats = new Map<number, number>();
  const firstWithKey = new Map<string, number>();
  const planned: Planned[] = [];
  entries.forEach((entry, index) => {
    if ("refused" in entry) {
      outcomes[index] = { result: "rejected", error: entry.refused };
      return;
    }
    const { input } = entry;
    const key = input.idempotencyKey?.trim() || null;
    if (key) {
      const before = earlier.get(key);
      if (before) return void (outcomes[index] = before);
      const first = firstWithKey.get(key);
      if (first !== undefined) return void repeats.set(index, first);
      firstWithKey.set(key, index);
    }
    const mailbox = mailboxes.get(selectorKey(input.mailbox));
    if (!mailbox) return void (outcomes[index] = { result: "rejected", error: notFound() });
    const field = "address" in input.mailbox ? "from" : "mailboxId";
    if (mailbox.state === "revoked")
      return void (outcomes[index] = {
        result: "rejected",
        error: invalid({ [field]: "outbox.errors.mailboxRevoked" }),
      });
    const checked = checkMailDraft(input.draft, { family: providerFamily(mailbox.provider) });
    if (!checked.ok)
      return void (outcomes[index] = { result: "rejected", error: invalid(checked.fieldErrors) });
    planned.push({ entry: index, key, mailbox, mail: checked.mail });
  });
  return { outcomes, planned, repeats };
}

/**
 * Writes the planned mails in one statement (insert-mail-rows.ts), or, when
 * some have attachments, the mails and their attachments in one transaction.
 */
async function insertPlanned(sender: MailSender, planned: Planned[]) {
  const now = new Date();
  const tenantId = tenantOf(sender);
  const rows = planned.map((p) => ({
    id: randomUUID(),
    ...outgoingMailRow(sender, p.mailbox, p.mail, p.key, now),
  }));
  const attachments = planned.flatMap((p, i) =>
    p.mail.attachments.map((a) => ({
      tenantId,
      mailId: rows[i]!.id,
      filename: a.filename,
      contentType: a.contentType,
      content: new Uint8Array(a.content),
      size: a.content.length,
    })),
  );
  const addresses = planned.map((p) => p.mailbox.address);
  if (attachments.length === 0) return insertMailRows(rows, addresses);
  // The mails without attachments keep their message built, as through insertMailRows.
  const data = rows.map((row, i) => {
    const message = planned[i]!.mail.attachments.length === 0 ? queuedMessageOf(row, addresses[i]!) : null;
    return message ? { ...row, raw: new Uint8Array(message) } : row;
  });
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.outgoingMail.createMany({ data });
    if (attachments.length > 0) await tx.outgoingAttachment.createMany({ data: attachments });
  });
  return rows;
}

/**
 * Queues a batch of mails for one sender: each message checked as a single
 * one would be (its mailbox, its fields, its idempotency key), the valid ones
 * written together in one transaction, and an outcome per message in the
 * batch's order: accepted (queued, or held while its mailbox cannot send),
 * duplicate (its key was used before, by this sender: the first mail), or
 * rejected with why. A key repeated within the batch gets its first
 * message's outcome. A key used at the same moment by another request is
 * answered as a duplicate: the batch is read again and written once more.
 */
export async function queueMailBatch<Refusal>(
  sender: MailSender,
  entries: BatchEntry<Refusal>[],
): Promise<BatchOutcome<Refusal>[]> {
  const inputs = entries.flatMap((entry) => ("input" in entry ? [entry.input] : []));
  const keys = [...new Set(inputs.flatMap((input) => input.idempotencyKey?.trim() || []))];
  const mailboxes = await mailboxesOf(
    sender,
    inputs.map((input) => input.mailbox),
  );
  for (let round = 0; ; round++) {
    const { outcomes, planned, repeats } = plan(entries, mailboxes, await earlierByKey(sender, keys));
    try {
      const rows = planned.length > 0 ? await insertPlanned(sender, planned) : [];
      planned.forEach((p, i) => {
        const row = rows[i];
        // Refused by the insert's own checks: its mailbox or key was revoked since it was read.
        outcomes[p.entry] = row
          ? { result: "accepted", id: row.id, status: row.status, messageId: row.messageId }
          : { result: "rejected", error: notFound() };
      });
    } catch (error) {
      if (round === 0 && keys.length > 0 && isUniqueViolation(error)) continue;
      throw error;
    }
    for (const [index, first] of repeats) {
      const answer = outcomes[first]!;
      outcomes[index] = answer.result === "accepted" ? { ...answer, result: "duplicate" } : answer;
    }
    return outcomes.map((outcome) => outcome!);
  }
}
