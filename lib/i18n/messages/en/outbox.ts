export const outbox = {
  errors: {
    headerInjection: "Line breaks are not allowed here.",
    invalidAddress: "Enter plain email addresses (name@example.org), separated by commas.",
    noRecipient: "Add at least one recipient.",
    tooManyRecipients: "Too many recipients for one message with this provider.",
    subjectTooLong: "The subject may hold at most 998 characters.",
    noBody: "Write a text or an HTML body.",
    attachmentTooLarge: "An attachment is larger than allowed.",
    attachmentName: "An attachment has an invalid name or type.",
    tooManyAttachments: "Too many attachments.",
    messageTooLarge: "The message, attachments included, is larger than allowed.",
    sendAtInvalid: "Choose a valid sending time within a year.",
    mailboxUnknown: "This mailbox does not exist or you may not send from it.",
    mailboxRevoked: "This mailbox was revoked: reconnect it before sending.",
    notCancellable: "Only queued or held mail can be cancelled.",
    idempotencyConflict: "This idempotency key was already used for another sender's mail.",
    notRetryable: "Only failed mail can be retried.",
  },
  apiKeys: {
    noMailbox: "Choose at least one of this school's mailboxes.",
  },
} as const;
