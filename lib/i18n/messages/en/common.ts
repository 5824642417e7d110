export const common = {
  appName: "Relais",
  tagline: "School mail over OAuth, without passwords",
  language: "Language",
  languages: { en: "English", fr: "Français" },
  /** Languages named in the reader's language (a school's language, in settings and the audit log). */
  languageNames: { en: "English", fr: "French" },
  /** lib/i18n/dates: a moment with its time zone named, where the reader might assume another. */
  dates: {
    withZone: "{moment} ({zone} time)",
    shownIn: "Times are shown in {zone} time.",
  },
  signOut: "Sign out",
  save: "Save",
  cancel: "Cancel",
  delete: "Delete",
  confirm: "Confirm",
  back: "Back",
  loading: "Loading…",
  yes: "Yes",
  no: "No",
  never: "Never",
  none: "None",
  /** Sizes in binary multiples (lib/i18n/formats.ts). */
  bytes: { bytes: "{size} B", kilobytes: "{size} KB", megabytes: "{size} MB", gigabytes: "{size} GB" },
  actions: "Actions",
  tenantSwitcher: "School",
  /** The button that opens the navigation and account menu on a narrow screen. */
  menu: "Menu",
  /** The button that shows a list's filters on a narrow screen, with how many are in use. */
  filters: {
    show: "Filters",
    active: "Filters ({count} in use)",
  },
  /** A long action's progress (components/ui/run-progress.tsx), done part by part. */
  progress: {
    mailboxes: "{done} of {total, plural, one {# mailbox} other {# mailboxes}}",
    stop: "Stop",
    stopping: "Stopping once the part under way is done…",
    keepOpen:
      "Keep this page open until it finishes: what is done stays done if you leave, the rest is not done.",
    lost: "The server could not be reached: nothing more was sent. What was done before stays done.",
    uploading: "Sending the file: {percent}",
    checking: "File received: checking and saving it…",
    uploadKeepOpen:
      "Keep this page open until the file is sent. Nothing is saved before the whole file is checked.",
  },
  nav: {
    campaigns: "Campaigns",
    overview: "Overview",
    members: "Members",
    audit: "Audit log",
    clients: "OAuth applications",
    mailboxes: "Mailboxes",
    myMailboxes: "My mailboxes",
    outbox: "Outbox",
    apiKeys: "API keys",
    relay: "SMTP relay",
    migration: "Migration",
    webhooks: "Webhooks",
    settings: "Settings",
    operator: "Platform",
  },
  roles: { admin: "Administrator", member: "Member", operator: "Platform operator" },
  noTenant: {
    title: "No school yet",
    body: "You are signed in as {email}, but you do not belong to any school yet. Ask your school's IT administrator for an invitation.",
  },
  notFound: { title: "Not found", body: "This page does not exist, or you do not have access to it." },
} as const;
