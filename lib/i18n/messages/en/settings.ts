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
  personalData: {
    heading: "A person's data",
    body: "To give a member a copy of what this school holds about them, or to erase it, use Export data or Erase data beside their name on the Members page. Erasing across every school, and a person's account, is the platform operator's.",
    membersLink: "Go to Members",
  },
} as const;
