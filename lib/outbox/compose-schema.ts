import { z } from "zod";
import type { AttachmentInput, MailDraft } from "./mail-input";
import { splitAddressList } from "./mail-address";

const files = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.any()),
);

/** The compose form: address lists as typed, files as uploaded; the rules are checked by checkMailDraft. */
export const composeSchema = z.object({
  mailboxId: z.string().min(1, { error: "errors.validation.required" }),
  to: z.string().default(""),
  cc: z.string().default(""),
  bcc: z.string().default(""),
  subject: z.string().default(""),
  text: z.string().default(""),
  html: z.string().default(""),
  /** ISO time computed in the browser from its local date and time; empty: now. */
  sendAt: z.string().default(""),
  attachments: files,
});
export type ComposeInput = z.infer<typeof composeSchema>;

async function attachmentsOf(values: unknown[]): Promise<AttachmentInput[]> {
  const uploads = values.filter(
    (value): value is File => value instanceof File && value.size > 0 && value.name !== "",
  );
  return Promise.all(
    uploads.map(async (file) => ({
      filename: file.name,
      contentType: file.type || "application/octet-stream",
      content: Buffer.from(await file.arrayBuffer()),
    })),
  );
}

export async function composeToQueueInput(
  input: ComposeInput,
): Promise<{ mailbox: { mailboxId: string }; draft: MailDraft }> {
  const sendAt = input.sendAt ? new Date(input.sendAt) : null;
  return {
    mailbox: { mailboxId: input.mailboxId },
    draft: {
      to: splitAddressList(input.to),
      cc: splitAddressList(input.cc),
      bcc: splitAddressList(input.bcc),
      subject: input.subject,
      text: input.text,
      html: input.html,
      attachments: await attachmentsOf(input.attachments),
      sendAt,
    },
  };
}
