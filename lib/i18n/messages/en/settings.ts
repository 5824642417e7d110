export const settings = {
  title: "Settings",
  intro: "Settings that apply to everyone in {tenant}. Only its administrators change them.",
  retention: {
    heading: "How long mail content is kept",
    explanation:
      "Relais keeps the subject, text and attachments of each mail only as long as it needs them to send it, and a little longer so that people can check what left. This many days after a mail is sent, fails or is cancelled, they are deleted. What stays is the record: which mailbox sent it, who queued it, to whom, when, its size, its Message-ID and the server's answers.",
    days: "Days kept after sending",
    hint: "From 1 to 3650 days (10 years). The default is 30. A shorter period also applies to mail already sent, within minutes.",
    save: "Save",
    saved: "Saved. Mail content is now deleted {days, plural, one {# day} other {# days}} after sending.",
    unchanged: "Nothing changed: the period was already {days, plural, one {# day} other {# days}}.",
    errors: {
      range: "Enter a whole number of days from 1 to 3650.",
    },
  },
  region: {
    heading: "Language and time zone",
    explanation:
      "Every date and time on this school's pages, and in the mail Relais sends about it, is given in the school's time zone, whatever the zone of the reader's computer. Mail to a person who has not chosen a language in Relais is written in the school's language.",
    current: "Times are shown in {zone} time.",
    language: "Language of mail",
    languageHint: "For people who have not chosen a language; a person's own choice wins.",
    timeZone: "Time zone",
    timeZoneHint: "As named in the IANA time zone database, e.g. Europe/Paris, America/Toronto.",
    save: "Save",
    saved: "Saved. Times are now shown in {zone} time.",
    unchanged: "Nothing changed.",
    errors: {
      language: "Choose English or French.",
      timeZone: "Choose a time zone from the list.",
    },
  },
  personalData: {
    heading: "A person's data",
    body: "To give a member a copy of what this school holds about them, or to erase it, use Export data or Erase data beside their name on the Members page. Erasing across every school, and a person's account, is the platform operator's.",
    membersLink: "Go to Members",
  },
} as const;
