/** Why the relay refused something; stored on refusal events and translated in the portal. */
export type RelayReason =
  | "bad_password"
  | "revoked"
  | "network_not_allowed"
  | "throttled"
  | "tenant_suspended"
  | "sender_not_allowed"
  | "from_header_not_allowed"
  | "mailbox_revoked"
  | "invalid_recipient"
  | "too_many_recipients"
  | "daily_cap"
  | "message_too_large"
  | "too_many_messages"
  | "bad_message"
  | "database_unavailable";

/** An error smtp-server sends as the reply: `responseCode` and the text after it. */
export class RelayReply extends Error {
  constructor(
    readonly responseCode: number,
    text: string,
    readonly reason: RelayReason,
    readonly detail = "",
  ) {
    super(text);
    this.name = "RelayReply";
  }
}

/**
 * The reply for each refusal: the code a device acts on (4xx: keep the mail
 * and retry; 5xx: give up and tell someone) and a sentence a technician
 * understands in the device's log.
 */
export function relayReply(reason: RelayReason, detail = ""): RelayReply {
  const reply = (code: number, text: string) => new RelayReply(code, text, reason, detail);
  switch (reason) {
    case "bad_password":
      return reply(
        535,
        "5.7.8 Authentication credentials invalid: check the user name and password of this device",
      );
    case "revoked":
      return reply(535, "5.7.8 Authentication credentials invalid: this credential was revoked in Relais");
    case "tenant_suspended":
      return reply(535, "5.7.8 Authentication credentials invalid: this school is suspended in Relais");
    case "network_not_allowed":
      return reply(
        535,
        `5.7.8 This credential may not be used from ${detail}: see its allowed networks in Relais`,
      );
    case "throttled":
      return reply(
        454,
        "4.7.0 Too many failed logins from this address or for this user name; try again later",
      );
    case "sender_not_allowed":
      return reply(
        550,
        `5.7.1 Sender ${detail} is not allowed for this credential: use one of its mailboxes`,
      );
    case "from_header_not_allowed":
      return reply(
        550,
        `5.7.1 From: ${detail || "header"} is not the sending mailbox: set the device's sender address to the mailbox of its credential`,
      );
    case "mailbox_revoked":
      return reply(550, `5.7.1 Mailbox ${detail} was revoked in Relais: reconnect it before sending`);
    case "invalid_recipient":
      return reply(553, `5.1.3 Recipient address ${detail} is not valid`);
    case "too_many_recipients":
      return reply(452, `4.5.3 Too many recipients: at most ${detail} per message for this mailbox`);
    case "daily_cap":
      return reply(
        452,
        `4.5.3 Daily limit of ${detail} messages reached for this credential; try again later`,
      );
    case "message_too_large":
      return reply(552, `5.3.4 Message too large: at most ${detail} bytes`);
    case "too_many_messages":
      return reply(421, "4.7.0 Too many messages in one session; reconnect to send more");
    case "bad_message":
      return reply(554, `5.6.0 Message refused: ${detail}`);
    case "database_unavailable":
      return reply(421, "4.3.0 Relais cannot store mail right now; try again later");
  }
}

/**
 * The reply at the end of DATA: as above, except that a credential revoked
 * or a school suspended during the session is no longer a login answer (535)
 * but a refused message.
 */
export function dataReply(reason: RelayReason, detail = ""): RelayReply {
  if (reason === "revoked") {
    return new RelayReply(
      554,
      "5.7.1 This credential was revoked in Relais: the message was not accepted",
      reason,
    );
  }
  if (reason === "tenant_suspended") {
    return new RelayReply(
      554,
      "5.7.1 This school is suspended in Relais: the message was not accepted",
      reason,
    );
  }
  return relayReply(reason, detail);
}
