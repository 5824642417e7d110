export const connections = {
  states: {
    pending: "Not connected yet",
    connected: "Connected",
    needs_reconnect: "Needs reconnecting",
    insufficient_scope: "Missing a permission",
    revoked: "Revoked",
    config_error: "OAuth application refused",
  },
  scopes: {
    smtpMicrosoft: "Send mail over SMTP (Microsoft 365)",
    imapMicrosoft: "Read mail over IMAP (Microsoft 365)",
    popMicrosoft: "Read mail over POP (Microsoft 365)",
    graphSend: "Send mail through Microsoft Graph",
    graphSendShared: "Send mail as shared mailboxes through Microsoft Graph",
    userRead: "Sign in and read the account's profile (Microsoft)",
    gmailFull: "Full Gmail access, which sending over SMTP needs (Google)",
    gmailSend: "Send mail through the Gmail API",
    gmailCompose: "Write and send drafts in Gmail",
    gmailModify: "Read, write and send Gmail mail",
    gmailReadonly: "Read Gmail mail and settings",
    gmailSettings: "See Gmail settings, to check the addresses it may send as",
    offlineAccess: "Stay connected (renew access without signing in again)",
    openid: "Sign in (identify the account)",
    email: "See the account's email address",
    profile: "See the account's name and picture",
  },
  causes: {
    grantRevoked:
      "The provider no longer accepts this mailbox's authorization: it was revoked, its password changed, or it expired.",
    idleExpired: "Microsoft ended the authorization after 90 days without use.",
    interactionRequired:
      "The provider wants the person to sign in again (multi-factor or conditional access).",
    noRefreshToken:
      "The provider gave no refresh token (offline access was not granted), so the authorization lasted only an hour.",
    tokenUnreadable: "The stored authorization can no longer be decrypted (the encryption key changed).",
    consentMissing:
      "Consent to the application is missing, or an administrator must grant it for the whole organisation.",
    secretInvalid: "The provider refused the OAuth application's client ID or client secret.",
    secretExpired: "The OAuth application's client secret has expired at Microsoft.",
    secretRequired: "Microsoft requires a client secret for this application, and Relais has none for it.",
    appNotFound: "Microsoft does not know the application in this directory.",
    unauthorizedClient: "The provider does not allow this application this kind of authorization.",
    platformUnavailable: "The platform's Microsoft application is no longer set up.",
    secretUnreadable: "The OAuth application's client secret can no longer be decrypted.",
    endpointRefused: "The OAuth application's token endpoint is an address Relais may not call.",
    transient: "The provider could not be reached, or answered with a temporary error.",
    smtpAuthDisabled:
      "Authenticated SMTP (SMTP AUTH) is disabled for this mailbox or for the whole Microsoft 365 tenant.",
    insufficientScope:
      "The authorization lacks the permission to send mail (a box was unticked on the consent screen).",
    sendAsDenied:
      "The provider refused to let the delegate send as this shared address (no Send As right, or the address is not one of the account's aliases).",
    transportNeedsConsent:
      "The mailbox now sends through another transport, whose permission its authorization does not include yet.",
    unknown: "The provider answered with an error Relais does not recognise.",
    unknownPersisting:
      "For days, the provider refused to renew this authorization with an answer Relais does not recognise, so Relais stopped trying (the code is kept for support).",
  },
  fixes: {
    reconnect: "Reconnect the mailbox from My mailboxes.",
    reconnectOffline:
      "Reconnect the mailbox. If it happens again, ask your administrator to request offline access in the OAuth application (Microsoft: offline_access).",
    adminConsent:
      "Ask your Microsoft 365 administrator to grant admin consent to the application, then reconnect.",
    fixSecret:
      "An administrator must paste the right client secret in the school's OAuth application in Relais.",
    newSecret:
      "An administrator must create a new client secret in the Azure portal and paste it in the OAuth application in Relais.",
    secretOrPublicClient:
      "An administrator must paste the client secret, or allow public client flows for the application in the Azure portal.",
    checkApplication:
      "An administrator must check the client ID and the directory, and that the application is allowed in the school's tenant.",
    askOperator:
      "Ask the platform operator, or switch the OAuth application to the school's own registration.",
    fixEndpoint: "An administrator must correct the token endpoint in the OAuth application.",
    waitRetry: "Nothing to do: Relais tries again by itself.",
    enableSmtpAuth:
      "A Microsoft 365 administrator must enable authenticated SMTP for this mailbox (SmtpClientAuthentication).",
    reconnectAllScopes: "Reconnect the mailbox and leave every permission ticked.",
    grantSendAs:
      "An administrator must give the delegate Send As rights on the shared mailbox (Exchange admin center), or add the address as a verified alias (Gmail), then reconnect; or name another delegate.",
    reconnectForTransport: "Reconnect the mailbox to grant the new permission; its held mail then goes out.",
    retryOrReconnect: "If it lasts, reconnect the mailbox or ask your administrator.",
  },
  details: {
    title: "Technical details (for IT staff)",
    provider: "Authorized account",
    accessTokenExpiry: "Current access token valid until",
    accessTokenNote: "Relais renews it by itself before then: this is not the end of the connection.",
    refreshToken: "Refresh token",
    refreshTokenHeld: "Held (Relais renews access by itself)",
    refreshTokenNone: "None",
    lastRefresh: "Last renewed",
    lastUse: "Last used",
    connectedAt: "Connected on",
    lastError: "Last error",
    predictedEnd: "Authorization ends",
    predictedEndInactivity:
      "{date} if it is not used before (Microsoft ends authorizations unused for 90 days, Google those unused for six months; Relais renews idle ones by itself).",
    predictedEndProvider: "{date} (announced by the provider).",
    predictedEndTesting:
      "{date}: the school's Google application is in “Testing” publishing status, and Google ends its connections 7 days after they are made.",
    predictedEndUnknown: "Not announced: this provider sets no end date that Relais can know.",
    reconnectAnyway: "Connect it again anyway (another account, or to grant its permissions anew)",
    never: "Never",
    none: "—",
  },
  revoke: {
    button: "Revoke",
    title: "Revoke the connection of {address}?",
    body: "Relais erases this mailbox's tokens and stops sending from it until someone connects it again.",
    warnGoogle:
      "Google revokes the whole authorization this account gave to the school's Google application: every other mailbox or program relying on that same authorization for this account stops too.",
    warnMicrosoft:
      "Microsoft has no way for Relais to withdraw the authorization: remove the application yourself afterwards.",
    queuedMail: "{count} mails waiting to be sent from it will be cancelled.",
    cancelledMail: "{count} mails that were waiting were cancelled.",
    confirm: "Revoke it",
    cancel: "Cancel",
    doneAtProvider: "Revoked: the tokens are erased here and the provider has withdrawn the authorization.",
    doneNoEndpoint:
      "The tokens are erased here. Microsoft keeps the authorization until you remove the application at https://myapps.microsoft.com (or your account's “Apps” page); if it is not listed there, your Microsoft 365 administrator can remove your access in the Microsoft Entra admin center (Enterprise applications › the application › Users and groups).",
    donePending:
      "The tokens are erased here. The provider could not be reached; Relais will ask it again to withdraw the authorization.",
    doneErased:
      "Revoked: the tokens are erased; there was no authorization left to withdraw at the provider.",
    doneNoEndpointOther:
      "The tokens are erased here. This provider offers no way to withdraw the authorization from here: remove the application in your account's settings at the provider.",
    doneMany: "{count} connections revoked.",
    doneRefusedGoogle:
      "The tokens are erased here, but Google did not withdraw the authorization. To be sure it is gone, sign in with this account at https://myaccount.google.com/permissions and remove the school's application.",
    doneRefusedOther:
      "The tokens are erased here, but the provider did not withdraw the authorization. To be sure it is gone, remove the school's application in this account's settings at the provider.",
  },
  mail: {
    reconnect: {
      subjectOne: "Reconnect the mailbox {address}",
      subjectMany: "Reconnect {count} mailboxes",
      body: "Relais can no longer send mail for {tenant} from:\n\n{mailboxes}\n\nMail for it is held, not lost. Reconnect it here:\n{link}\n",
    },
    configurationBroken: {
      subject: "{tenant}: an OAuth application was refused",
      line: "- {name} ({count} mailboxes stopped): {cause} {fix}",
      body: "The provider refused an OAuth application of {tenant}. Its mailboxes keep their authorization and resume once the application is fixed; mail for them is held.\n\n{configurations}\n\n{link}\n",
    },
    digest: {
      subject: "{tenant}: {count} mailboxes need attention",
      more: "… and {count} more.",
      body: "These mailboxes of {tenant} cannot send until someone acts:\n\n{mailboxes}\n\n{link}\n",
    },
    endingSoon: {
      subjectOne: "The connection of {address} ends on {date}",
      subjectMany: "{count} mailbox connections end soon",
      line: "- {address}: ends on {date}, in {days, plural, one {# day} other {# days}}. {why} {fix}",
      why: {
        provider: "The provider announced this end.",
        inactivity:
          "The provider ends an authorization left unused (Microsoft after 90 days, Google after six months), and Relais could not renew it by itself in time.",
        testing:
          "The school's Google application is in “Testing” publishing status: Google ends its connections 7 days after they are made.",
      },
      ownerFix: {
        provider: "Reconnect it before then and it goes on.",
        inactivity: "Reconnect it before then and it goes on.",
        testing:
          "Reconnecting gives it 7 more days; ask the school's administrators to publish the application so that it lasts.",
      },
      adminFix: {
        provider: "Its owner, or you, must reconnect it before then.",
        inactivity:
          "Reconnect it before then, and check why Relais cannot renew it (the last error on the mailbox's page, the OAuth application, the worker).",
        testing:
          "Publish the application in the Google Cloud console (Google Auth Platform › Audience), or make it Internal, then reconnect the mailbox.",
      },
      ownerBody:
        "Relais will stop sending mail for {tenant} from these mailboxes when their connection ends:\n\n{mailboxes}\n\nReconnect them here:\n{link}\n",
      digestSubject:
        "{tenant}: {count, plural, one {# mailbox connection ends} other {# mailbox connections end}} soon",
      digestBody:
        "These mailboxes of {tenant} will stop sending when their connection ends, unless someone acts before then:\n\n{mailboxes}\n\n{link}\n",
    },
  },
};
