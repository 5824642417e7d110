export const relay = {
  title: "SMTP relay",
  intro:
    "Devices and programs that can only send mail by SMTP with a user name and password (copiers and scanners, older school software) send it through the relay. Each one gets a credential of its own, and a credential may send only from the mailboxes chosen for it. The mail then leaves through those mailboxes' OAuth connections and shows in the outbox like any other.",
  settings: {
    heading: "Connection settings",
    intro:
      "What to type into a device's mail (SMTP) settings, with the user name and password of its credential.",
    server: "Server",
    authentication: "Authentication",
    authenticationValue: "Required: the credential's user name and password",
    caption: "Ports of the relay",
    columns: { port: "Port", security: "Security", note: "When to use it" },
    submission: { security: "STARTTLS", note: "Recommended: the usual choice for sending mail." },
    tls: {
      security: "SSL/TLS",
      note: "For devices that offer SSL or TLS from the start rather than STARTTLS.",
    },
    plain: {
      security: "None",
      note: "Only on the school network, for devices that cannot encrypt: mail and password cross the network in clear. Devices use this address: {hosts}.",
    },
    legacy: {
      security: "Old TLS 1.0 or 1.1",
      note: "A risk: this old encryption is considered broken. Only for devices that cannot do better, until they are updated or replaced.",
    },
    notConfigured: "The relay is not set up on this server yet. Ask the platform operator.",
  },
  policies: {
    as_sent: {
      label: "As the device writes it",
      hint: "The device's From: address must be one of the chosen mailboxes; mail from any other address is refused.",
    },
    fixed_keep_name: {
      label: "Always the one mailbox, keeping the device's name",
      hint: "Whatever the device writes, the mail goes from the one chosen mailbox; the device's display name (for example “Copier, staff room”) is kept.",
    },
    fixed_reply_to: {
      label: "Always the one mailbox, replies to the device's address",
      hint: "The mail goes from the one chosen mailbox, and the address the device wrote becomes the Reply-To, so that answers reach it.",
    },
  },
  create: {
    legend: "New credential",
    name: "Name (the device or program that will use it)",
    namePlaceholder: "Copier, staff room",
    mailboxes: "Mailboxes it may send from",
    noMailboxes: "This school has no mailbox to send from yet: add and connect one first.",
    fromPolicy: "From: address",
    networks: "Allowed networks (optional)",
    networksHint:
      "The addresses the device connects from, separated by commas, spaces or line breaks. Empty: any address.",
    networksPlaceholder: "192.168.10.0/24, 192.168.20.15",
    dailyCap: "Daily cap (optional)",
    dailyCapHint:
      "The most mails accepted in a day (midnight to midnight in the school's time zone). Empty: only the mailboxes' own sending limits.",
    submit: "Create the credential",
  },
  created: {
    heading: "Credential “{name}” created",
    shownOnce: "Copy the password now: it will not be shown again. If it is lost, create a new credential.",
    username: "User name",
    password: "Password",
  },
  sheet: {
    heading: "Connection sheet",
    intro: "For the person who sets up the device. Print it, or copy it into the device's record.",
    print: "Print the sheet",
    title: "SMTP relay settings for {name}",
    server: "Server (SMTP host)",
    port: "Port and security",
    portStarttls: "{port} with STARTTLS",
    portTls: "{port} with SSL/TLS",
    portPlain: "{port} without encryption, at {hosts} (school network only)",
    portLegacy: "{port} with old TLS 1.0/1.1 (a risk)",
    authentication: "Authentication",
    authenticationValue: "Yes, with this user name and password",
    username: "User name",
    password: "Password",
    from: "From address to use",
    fromOneOf: "One of: {addresses}",
    fromFixed: "Any; the mail goes from {address}",
  },
  list: {
    heading: "Credentials",
    caption: "The school's relay credentials",
    empty: "No credential yet.",
    columns: {
      name: "Name",
      username: "User name",
      mailboxes: "Mailboxes",
      lastUsed: "Last used",
      state: "State",
    },
    lastUsedFrom: "{date} from {ip}",
    active: "Active",
    revoked: "Revoked",
  },
  revoke: {
    button: "Revoke",
    label: "Revoke the credential {name}",
    confirm:
      "Revoke the credential {name}? Devices using it will be refused from their next login or message.",
    done: "The credential was revoked.",
  },
  detail: {
    back: "Back to the SMTP relay",
    settings: "Credential",
    username: "User name",
    mailboxes: "Mailboxes it may send from",
    fromPolicy: "From: address",
    networks: "Allowed networks",
    anyAddress: "Any address",
    dailyCap: "Daily cap",
    noCap: "None beyond the mailboxes' own limits",
    dailyCapValue: "{count, plural, one {# mail} other {# mails}} per day",
    mailLastDay: "Mail in the last 24 hours",
    mailLastDayValue: "{count, plural, one {# mail} other {# mails}}",
    created: "Created",
    firstUsed: "First used",
    lastUsed: "Last used",
    state: "State",
    revokedOn: "Revoked on {date}",
    outbox: "See its mail in the outbox",
    passwordLost: "The password is not kept: if it is lost, create a new credential and revoke this one.",
    sessions: {
      heading: "Recent sessions",
      intro: "Each time a device connected, logged in and hung up.",
      caption: "The credential's recent sessions, newest first",
      empty: "No session yet: no device has logged in with this credential.",
      columns: {
        started: "Started",
        ended: "Ended",
        clientIp: "Device's address",
        messages: "Mails accepted",
        refusals: "Refusals",
      },
    },
    refusals: {
      heading: "Recent refusals",
      intro: "What the relay refused, why, and what to do about it.",
      caption: "The credential's recent refusals, newest first",
      empty: "No refusal.",
      columns: {
        when: "When",
        clientIp: "Device's address",
        reason: "What happened",
        code: "SMTP answer",
        detail: "Concerning",
      },
      unknown: "Refused ({reason}).",
    },
  },
  /** The relay's refusal reasons, as a technician reads them: what happened, and what to do. */
  refusals: {
    bad_password: {
      text: "Wrong password for this user name.",
      fix: "Type the password into the device again exactly as shown at creation. If it is lost, create a new credential and revoke this one.",
    },
    revoked: {
      text: "This credential was revoked.",
      fix: "Create a new credential and enter it in the device.",
    },
    network_not_allowed: {
      text: "The device connected from an address outside the credential's allowed networks.",
      fix: "Check the device's address. If it is right, create a credential that allows its network and revoke this one.",
    },
    throttled: {
      text: "Too many failed logins from this address or for this user name: logins are paused for a while.",
      fix: "Correct the user name and password in the device, then wait a few minutes.",
    },
    tenant_suspended: {
      text: "The school's account on Relais is suspended.",
      fix: "Ask the platform operator.",
    },
    sender_not_allowed: {
      text: "The device gave a sender address (MAIL FROM) that is not one of the credential's mailboxes.",
      fix: "Set the device's sender address to one of the credential's mailboxes, or use a credential that always sends from one mailbox.",
    },
    from_header_not_allowed: {
      text: "The message's From: address is not one of the credential's mailboxes.",
      fix: "Set the device's From: address to one of the credential's mailboxes, or use a credential that always sends from one mailbox.",
    },
    no_mailbox_connected: {
      text: "None of the credential's mailboxes is connected.",
      fix: "Connect the mailbox on its page.",
    },
    mailbox_revoked: {
      text: "The mailbox the mail would leave from is disconnected (its connection was revoked).",
      fix: "Connect the mailbox again on its page.",
    },
    invalid_recipient: {
      text: "A recipient's address is not a valid email address.",
      fix: "Check the addresses typed or stored in the device.",
    },
    too_many_recipients: {
      text: "Too many recipients for one message.",
      fix: "Send to fewer recipients at a time, or use a mailing list.",
    },
    daily_cap: {
      text: "The credential's daily cap is reached.",
      fix: "Wait for the next day (midnight in the school's time zone), or create a credential with a higher cap.",
    },
    message_too_large: {
      text: "The message, attachments included, is larger than allowed.",
      fix: "Send smaller attachments: scan at a lower resolution, in black and white, or fewer pages at a time.",
    },
    too_many_messages: {
      text: "Too many mails in one session.",
      fix: "Nothing to do in most cases: the device connects again for the rest.",
    },
    bad_message: {
      text: "The message could not be read (broken headers or ending).",
      fix: "Update the device's software; if it keeps happening, tell the platform operator.",
    },
    database_unavailable: {
      text: "Relais could not reach its database, so the mail was refused for now.",
      fix: "The device should try again later by itself; if it keeps happening, tell the platform operator.",
    },
  },
  errors: {
    noMailbox: "Choose at least one of this school's mailboxes.",
    fixedNeedsOneMailbox: "A fixed sender needs exactly one mailbox.",
    badNetwork: "Write networks as 192.168.10.0/24, a single address, or an IPv6 block.",
    tooManyNetworks: "At most 50 networks.",
    badDailyCap: "The daily cap is a whole number from 1 to 100,000, or empty for none.",
  },
} as const;
