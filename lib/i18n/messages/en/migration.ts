export const migration = {
  auth: { basic: "Basic (password)", oauth: "OAuth", unknown: "Password (not stated)" },
  listener: {
    tls: "STARTTLS (587) or TLS (465)",
    legacy: "Legacy TLS 1.0/1.1 listener (a risk)",
    plain: "Plain listener on the school network (no TLS)",
  },
  proposal: {
    connected: "Already a mailbox connected in Relais",
    send_link: "A mailbox exists but is not connected: send a link",
    create_mailbox: "No mailbox yet: create it",
  },
  status: {
    oauth: "Done: uses OAuth already",
    moved: "Moved: sent through Relais in the last 7 days",
    still_basic: "Still on Basic after its credential was made",
    waiting: "Waiting: credential never used",
    quiet: "Moved, but silent for over 7 days",
    to_do: "To do",
  },
  csv: {
    address: "Sender",
    messages: "Messages",
    auth: "Authentication",
    listener: "Relay listener",
    proposal: "Mailbox",
    status: "Status",
    username: "Relay user name",
    firstUsed: "First used",
    lastUsed: "Last used",
  },
  mail: {
    regression: {
      subject:
        "{tenant}: {count, plural, one {a device is} other {# devices are}} sending with a password again",
      body: "Hello,\n\nThe latest SMTP AUTH clients report imported for {tenant} shows {count, plural, one {a sender that had moved} other {# senders that had moved}} to the Relais SMTP relay sending through Microsoft with a password again:\n\n{senders}\n\nA device reset to its old settings is the usual cause. Set it again from its sheet (server, port, user name and password of its relay credential); Microsoft will soon refuse these passwords.\n\nThe plan: {link}\n",
    },
  },
  errors: {
    empty: "The file is empty.",
    unclosedQuote: "A quoted field is never closed (from line {line}).",
    missingColumns:
      "This does not look like the SMTP AUTH clients report: the columns {columns} are missing. Export it again from the Exchange admin center.",
    badAddress: "“{value}” is not a sender address.",
    badCount: "“{value}” is not a number of messages.",
    badPercent: "The TLS shares must be percentages from 0 to 100.",
    noSender: "The report lists no sender.",
    tooManyLines: "The report lists more than {max} senders.",
    noMailboxForCredential: "A relay credential needs the sender's mailbox: create it first.",
    badPeriod:
      "Give the period the report covers: a start and an end date, the start first, at most 90 days.",
  },
} as const;
