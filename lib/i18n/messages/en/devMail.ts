export const devMail = {
  title: "Captured mail",
  intro:
    "No mail server is configured (RELAIS_SMTP_URL), so the mail Relais sends (invitations, sign-in links) is kept here. This page exists only in development and demo runs.",
  smtpConfigured: "RELAIS_SMTP_URL is set: new mail goes to that server and no longer appears here.",
  filterTo: "Recipient contains",
  filter: "Show",
  showAll: "Show all",
  empty: "No mail captured yet.",
  to: "To",
  subject: "Subject",
  when: "Captured ({zone} time)",
  shown: "The {count} most recent messages, newest first.",
  unreadable:
    "This message's text cannot be opened here: it was encrypted with another key (another process, or before a restart without RELAIS_ENCRYPTION_KEY). Give every process the same RELAIS_ENCRYPTION_KEY.",
} as const;
