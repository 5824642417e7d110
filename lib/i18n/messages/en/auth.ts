export const auth = {
  signIn: {
    title: "Sign in to Relais",
    email: "Email address",
    password: "Password",
    submit: "Sign in",
    invalid: "Wrong email address or password.",
    throttled: "Too many failed attempts. Wait a few minutes, then try again.",
    orLink: "Or receive a one-time sign-in link by email",
    requestLink: "Email me a sign-in link",
    linkSent:
      "If an account exists for this address, a sign-in link is on its way. It works once, for 15 minutes.",
    signedOut: "You are signed out.",
    demo: {
      heading: "This is a demo",
      intro: "Sign in with one of these accounts. They all use the password {password}.",
      admin: "Administrator of both demo schools: applications, mailboxes, outbox, relay",
      member: "Teacher in {school}: their own mailboxes",
      operator: "Platform operator: every school, the platform's health",
    },
  },
  link: {
    title: "Sign in with your link",
    confirm: "Continue to Relais",
    expired: "This sign-in link has expired.",
    used: "This sign-in link has already been used.",
    unknown: "This sign-in link is not valid.",
    requestNew: "Request a new link",
  },
  linkMail: {
    subject: "Your Relais sign-in link",
    body: "Hello,\n\nOpen this link to sign in to Relais. It works once, for {minutes} minutes:\n\n{link}\n\nIf you did not ask for it, you can ignore this message.",
  },
} as const;
