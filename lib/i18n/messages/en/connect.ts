export const connect = {
  result: {
    pageTitle: "Mailbox authorization",
    back: "Back to the mailboxes",
    retry: "Try again",
    retryScope: "Authorize again",
    closeWindow: "You can close this window.",
    reopenLink: "To try again, open the link you received once more.",
    stale: {
      title: "Nothing to show",
      body: "This page's address is incomplete or more than an hour old. Start the authorization again from Relais.",
    },
    configChanged: "The mailbox's OAuth application changed while you were authorizing. Start again.",
    delegateChanged:
      "The account that connects this shared mailbox was changed while you were authorizing. Start again.",
    connected: {
      title: "Mailbox connected",
      body: "{mailbox} is connected. Mail sent through Relais now leaves from this mailbox.",
      noRefreshToken:
        "The provider sent no refresh token, so this connection will stop working within about an hour. Ask your school's IT administrator to check that the application asks for offline access (Google: access_type=offline and prompt=consent; Microsoft: offline_access).",
    },
    insufficientScope: {
      title: "A permission is missing",
      body: "{mailbox} was authorized, but without the permission that sending mail needs: {missing}. No mail will be sent from it until it is authorized again with that permission left ticked.",
    },
    declined: {
      title: "Authorization declined",
      body: "You declined the authorization. Nothing was changed for {mailbox}; you can start again whenever you like.",
    },
    wrongAccount: {
      title: "Another account was used",
      body: "You signed in as {account}, but this connection is for {mailbox}. Nothing was stored. Start again and sign in as {mailbox}.",
      bodyUnknown:
        "The authorization was given with another account than {mailbox}. Nothing was stored. Start again and sign in as {mailbox}.",
    },
    accountRefused: {
      title: "This account cannot send as the mailbox",
      body: "The mail server refused the authorization for {mailbox}: you probably signed in with another account. Nothing was stored. Start again and sign in as {mailbox}.",
    },
    smtpAuthDisabled: {
      title: "SMTP sign-in is turned off",
      body: "The mail server refuses authenticated SMTP for {mailbox} (Microsoft 365: SmtpClientAuthentication is disabled for the mailbox or the organisation). Nothing was stored. An administrator must turn it on, then authorize again.",
    },
    identityUnverified: {
      title: "The account could not be checked",
      body: "Relais could not reach the mail server to check which account authorized {mailbox} ({code}). Nothing was stored. Try again in a few minutes.",
    },
    idTokenInvalid: {
      title: "The provider's answer could not be checked",
      body: "The identity the provider returned did not pass Relais's checks ({code}). Nothing was stored. Start again; if it happens again, tell your school's IT administrator.",
    },
    configRefused: {
      title: "The school's OAuth application was refused",
      body: "The provider refused the school's OAuth application ({code}): {reason} Nothing was stored. Your school's IT administrator must correct the application.",
    },
    configUnusable: {
      title: "The school's OAuth application cannot be used",
      body: "{reason} Nothing was stored.",
    },
    mailboxChanged: {
      title: "The mailbox changed while you were authorizing",
      body: "{reason} Nothing was stored.",
    },
    consentRequired: {
      title: "An administrator must consent first",
      body: "The provider asks for consent that only an administrator of your organisation can give ({code}). Nothing was stored. Ask your IT administrator to grant admin consent to the application, then try again.",
    },
    providerError: {
      title: "The provider refused the authorization",
      body: "The provider answered with the error {code}. Nothing was stored.",
    },
    providerUnavailable: {
      title: "The provider could not be reached",
      body: "The provider could not be reached or answered with a temporary error. Nothing was stored; try again in a few minutes.",
    },
    codeRefused: {
      title: "The authorization code was refused",
      body: "The provider refused the authorization code ({code}). Nothing was stored. Start again.",
    },
    alreadyCompleted: {
      title: "Already completed",
      body: "This authorization was already completed: {mailbox} is connected. Nothing was changed.",
    },
    stateMissing: {
      title: "Incomplete answer",
      body: "The provider's answer did not say which authorization it belongs to. Start again from Relais.",
    },
    stateUnknown: {
      title: "Unknown authorization",
      body: "This answer belongs to no authorization started here. Nothing was stored. Start again from Relais.",
    },
    stateUsed: {
      title: "Authorization already used",
      body: "This authorization answer was already used once, and cannot be used again. Start again from Relais.",
    },
    stateExpired: {
      title: "Authorization expired",
      body: "More than 10 minutes passed between the start and the provider's answer. Nothing was stored. Start again.",
    },
    otherBrowser: {
      title: "Started in another browser",
      body: "This authorization was started in another browser, or this browser's cookies were cleared meanwhile. For your safety it can only be finished where it began. Nothing was stored; start again here.",
    },
    otherPerson: {
      title: "Started by someone else",
      body: "This authorization was started by another person. Nothing was stored. Start your own from Relais.",
    },
    sessionEnded: {
      title: "Your session ended",
      body: "You were signed out of Relais during the authorization. Nothing was stored. Sign in and start again.",
    },
    issuerMismatch: {
      title: "Answer from an unexpected server",
      body: "The answer did not come from the provider this authorization was sent to. Nothing was stored. Start again.",
    },
    notFound: {
      title: "Mailbox not found",
      body: "This mailbox does not exist, or you may not connect it.",
    },
    linkInvalid: {
      title: "This link can no longer be used",
      body: "This connect link has expired, was already used or was withdrawn. Ask your school's IT administrator for a new one.",
    },
    deviceUnsupported: {
      title: "No code sign-in for this application",
      body: "The school's OAuth application has no device endpoint, so it cannot connect a mailbox with a code. Use the sign-in in the browser instead.",
    },
    deviceScopeRefused: {
      title: "Code sign-in refused for these permissions",
      body: "The provider refuses the requested permissions with a code (Google never allows mail access that way). Use the sign-in in the browser instead.",
    },
    deviceExpired: {
      title: "The code expired",
      body: "The code was not used in time. Get a new code to connect {mailbox}.",
    },
    internal: {
      title: "Something went wrong",
      body: "The authorization could not be finished. If it happens again, give this reference to your administrator: {code}",
    },
  },
  device: {
    title: "Connect {mailbox} with a code",
    intro:
      "Use this when signing in here is not practical: on any phone or computer, open the address below, sign in as {mailbox} and enter the code.",
    start: "Get a code",
    starting: "Asking for a code…",
    newCode: "Get a new code",
    userCode: "Code to enter",
    verificationUri: "Address to open",
    qrAlt: "QR code of the address to open",
    expires: "The code is valid until {time}.",
    checking: "Relais checks every few seconds; this page updates by itself.",
    browserFlow: "Sign in in this browser instead",
    status: {
      pending: "Waiting for the code to be entered and the access allowed…",
      unreachable: "Relais cannot reach the portal right now; it keeps trying.",
    },
  },
} as const;
