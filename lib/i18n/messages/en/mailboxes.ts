export const mailboxes = {
  title: "Mailboxes",
  intro:
    "The school mailboxes that software sends from, and where each one's connection stands. Each mailbox connects through one of the school's OAuth applications.",
  addButton: "Add mailbox",
  startCampaign: "Start a reconnect campaign",
  importButton: "Import CSV",
  empty: "No mailbox yet. Add one, or import a list.",
  emptyFiltered: "No mailbox matches these filters.",
  /** Connection states in plain words; dashboards reuse them. */
  states: {
    pending: {
      label: "Not connected yet",
      fix: "Nobody has connected this mailbox yet. Send its owner a connect link, or connect it yourself.",
      ownerFix: "Connect it so that the school's software can send mail from it.",
    },
    connected: {
      label: "Connected",
      fix: "Nothing to do: mail can be sent from it.",
      ownerFix: "Nothing to do.",
    },
    needs_reconnect: {
      label: "Must be reconnected",
      fix: "The provider no longer accepts its authorization (password changed, access removed, or unused for too long). Its owner must reconnect it; its mail waits meanwhile.",
      ownerFix:
        "The provider no longer accepts the authorization (password changed, access removed, or unused for too long). Reconnect it; mail waits until you do.",
    },
    insufficient_scope: {
      label: "Permission missing",
      fix: "It was authorized without a permission that sending needs (a box left unticked on the consent screen). Connect it again and accept every permission.",
      ownerFix:
        "A permission that sending needs was not granted. Reconnect it and accept every permission asked.",
    },
    revoked: {
      label: "Disconnected",
      fix: "Someone disconnected it and its tokens were erased. Connect it again to send from it.",
      ownerFix: "It was disconnected. Connect it again to send from it.",
    },
    config_error: {
      label: "OAuth application refused",
      fix: "The provider refused the school's OAuth application itself (wrong or expired secret, application removed). Ask the school's IT admin to fix it; reconnecting does not help.",
      ownerFix:
        "The school's OAuth application was refused by the provider. Ask the school's IT admin to fix it; there is nothing to do on your side.",
    },
  },
  /** The one health line of a mailbox (lib/mailbox-health/mailbox-health.ts): the list, its page, My mailboxes, the API. */
  health: {
    title: "Connection health",
    healthy: "Healthy · renews itself",
    healthyIdle: "Healthy · renews itself · ends if unused on {date}",
    healthyAnnounced: "Healthy · the provider ends it on {date}",
    endingSoonIdle: "Ends on {date} if it is not used before",
    endingSoonAnnounced: "Ends on {date}, as the provider announced",
    healthyTesting: "Healthy · ends on {date}: the school's Google application is in “Testing”",
    endingSoonTesting: "Ends on {date}: the school's Google application is in “Testing”",
    disconnectedProviderKeeps: "Disconnected here · the provider may still allow the school's application in",
    noRenewal: "Connected for now only: it cannot renew itself",
    noRenewalUntil: "Connected until {moment} only: it cannot renew itself",
    retrying: "Healthy · its last renewal failed, Relais tries again",
    retryingSince: "Healthy · renewal failed on {date}, Relais tries again",
    attemptFailed: "Connected · the last attempt to connect it again was refused",
    attemptFailedOn: "Connected · an attempt to connect it again was refused on {date}",
    pausedQuota: "Sending paused until {moment}: the provider's sending limit was reached",
    pausedThrottled: "Sending paused until {moment}: the provider asked Relais to slow down",
    notConnected: "Not connected yet",
    needsReconnect: "Must be reconnected",
    needsReconnectSince: "Must be reconnected since {date}",
    permissionMissing: "Must be reconnected: the permission to send is missing",
    needsConsent: "Must be reconnected to allow its new way of sending",
    disconnected: "Disconnected: nothing is sent from it",
    applicationRefused: "Stopped: the provider refused the school's OAuth application",
    smtpAuthDisabled: "Sending switched off by the school's Microsoft settings",
    sendAsDenied: "Stopped: the delegate may not send as this address",
    withWaiting: "{headline}: {count, plural, one {# mail waiting} other {# mails waiting}}",
    advice: {
      paused: "Nothing to do: its mail leaves by itself when the pause ends.",
      endingIdle:
        "Relais renews idle connections every day, so this date should keep moving away. If it comes close, check that the daily renewal (tokens:keep-alive) runs, or reconnect the mailbox.",
      endingAnnounced:
        "The provider ends this authorization on that date whatever happens: reconnect the mailbox before then, or send its owner a connect link.",
      endingOwner: "Reconnect it before that date so that its mail keeps leaving.",
      endingTesting:
        "The school's Google application is in “Testing” publishing status: Google ends every connection 7 days after it is made. In the Google Cloud console (Google Auth Platform › Audience), publish the application, or make it Internal if only your Google Workspace domain's accounts use it; the mailboxes must then be reconnected.",
      endingTestingOwner:
        "Reconnect it before that date, and ask the school's IT admin to publish the school's Google application so that connections last.",
      askAdmin: "Ask the school's IT admin to fix it: there is nothing to do on your side.",
    },
    fixes: {
      connect: "Connect",
      reconnect: "Reconnect",
      sendConnectLink: "Send a connect link",
      sendReconnectLink: "Send a reconnect link",
      openConfiguration: "Open the OAuth application",
      changeDelegate: "Change the delegate",
      fixIt: "How to fix",
    },
    linkSent: "Link mailed, valid until {date}.",
    linkNotMailed: "The link could not be mailed. Try again later.",
    support: "For support:",
    revocation: {
      pending:
        "Relais erased the authorization here and will ask the provider again to withdraw it (it could not be reached).",
      refused: "Relais erased the authorization here, but the provider refused to withdraw it.",
      unconfirmed:
        "Relais erased the authorization here, but could not get the provider to confirm that it withdrew it.",
      noEndpoint:
        "Relais erased the authorization here; this provider offers no way for Relais to withdraw it.",
      steps: {
        google: {
          admin:
            "Ask the account's owner to remove the school's application at https://myaccount.google.com/permissions; a Google Workspace admin can also remove it for the account in the Admin console (Users › the account › Security › Connected applications).",
          owner:
            "Sign in with this account at https://myaccount.google.com/permissions and remove the school's application.",
        },
        microsoft: {
          admin:
            "In the Microsoft Entra admin center, Enterprise applications › the school's application › Users and groups, remove this account; or ask its owner to remove the application at https://myapps.microsoft.com.",
          owner:
            "Remove the school's application at https://myapps.microsoft.com (your account's “Apps” page); if it is not listed there, ask your Microsoft 365 administrator to remove your access (Enterprise applications).",
        },
        other: {
          admin:
            "Ask the account's owner to remove the school's application in the account's settings at the provider.",
          owner: "Remove the school's application in this account's settings at the provider.",
        },
      },
    },
  },
  filters: {
    legend: "Filter the mailboxes",
    search: "Address or name contains",
    state: "State",
    anyState: "All states",
    apply: "Filter",
    reset: "Clear the filters",
  },
  table: {
    select: "Select {address}",
    selectAll: "Select every mailbox on this page",
    address: "Address",
    name: "Name",
    configuration: "OAuth application",
    state: "State",
    members: "Assigned to",
    expires: "Authorization ends",
    noMembers: "Nobody",
    endsIfUnused: "if unused until then",
    endAnnounced: "announced by the provider",
    endTesting: "Google application in “Testing”",
    noKnownEnd: "No set end",
    linkOpen: "Connect link valid until {date}",
    total: "{count, plural, one {# mailbox} other {# mailboxes}}",
    totalCapped: "More than {count} mailboxes",
  },
  pagination: {
    label: "Pages of mailboxes",
    first: "First page",
    previous: "Previous",
    next: "Next",
    last: "Last page",
  },
  form: {
    title: "Add a mailbox",
    address: "Mailbox address",
    addressHint: "The address mail will be sent from, e.g. secretariat@school.example.",
    name: "Display name (optional)",
    nameHint: "Shown in the list; mail keeps the name your software gives it.",
    configuration: "OAuth application",
    chooseConfiguration: "Choose…",
    noConfiguration: "This school has no OAuth application yet. Create one first:",
    noConfigurationLink: "OAuth applications",
    members: "Assigned to",
    membersHint: "These members see the mailbox under “My mailboxes” and can connect it.",
    noMembers: "No member to choose from.",
    submit: "Add mailbox",
    configurationRequired: "Choose an OAuth application.",
    configurationUnknown: "This OAuth application does not exist in this school.",
    addressTaken: "This school already has a mailbox with this address.",
    memberUnknown: "Someone chosen is not a member of this school.",
    transport: "Send through",
    transportSame: "As its application: {transport}",
    transportHint:
      "Usually the same as its OAuth application. Choose another way for this mailbox only, for example Microsoft Graph where Microsoft has switched SMTP AUTH off for it.",
    transportInvalid: "Choose how this mailbox sends.",
    transportNotOffered: "This OAuth application's provider cannot send this way.",
    transportNeedsApiBase:
      "This OAuth application has no API base address: add one to it before sending through its API.",
    delegate: "Sent as by a delegate (optional)",
    delegateHint:
      "For a shared address such as secretariat@ that nobody signs in to: the account of a staff member who has “Send As” rights on it. That person connects with their own account, and mail still leaves from this mailbox's address. Leave it empty when the mailbox's own account connects.",
    delegateInvalid: "Type the delegate's email address, or leave the field empty.",
    delegateSameAsAddress:
      "A delegate is another account than the mailbox itself: leave the field empty when the mailbox's own account connects.",
  },
  edit: {
    title: "Settings",
    submit: "Save",
    saved: "Saved.",
    savedDisconnected:
      "Saved. The mailbox moved to another OAuth application, so its connection was erased: its owner must connect it again.",
    moveWarning:
      "Choosing another OAuth application erases this mailbox's connection (its tokens belong to the application that issued them) and asks the provider to withdraw the old authorization.",
    delegateWarning:
      "Changing the delegate erases this mailbox's connection, which was the previous account's: the new delegate must connect it.",
    savedDelegateChanged:
      "Saved. The delegate changed, so the connection was erased: the new delegate must connect it now.",
    savedReconsent:
      "Saved. It now sends through {transport}, which needs a permission not granted yet: connect it again (or send a connect link). Its mail waits until then.",
  },
  assign: {
    title: "Assigned members",
    submit: "Save the assignment",
    saved: "Assignment saved.",
  },
  delete: {
    button: "Delete this mailbox",
    confirm:
      "Delete {address}? Its tokens, assignments, connect links and record of sent mail are deleted with it, and the provider is asked to withdraw the authorization (with Microsoft 365, which cannot be asked, its owner removes the application from their account).",
    confirmButton: "Yes, delete it",
    deleted: "The mailbox {address} was deleted.",
    mailWaiting:
      "{count, plural, one {# mail from this mailbox is} other {# mails from this mailbox are}} still waiting to be sent. Cancel them in the outbox, or let them go, before deleting it.",
  },
  created: {
    title: "Mailbox {address} added",
    intro:
      "It sends nothing until it is connected. Connect it yourself by signing in to it, or send its owner a link to do it.",
    connect: "Connect it now",
    sendLink: "Send its owner a connect link",
    addAnother: "Add another mailbox",
  },
  page: {
    back: "All mailboxes",
    backMine: "My mailboxes",
    configuration: "OAuth application",
    scopes: "Permissions",
    scopesIntro: "What the OAuth application asks for, and what the mailbox's owner granted.",
    scopeColumn: "Permission",
    scopeStatus: "Status",
    scopeGranted: "Granted",
    scopeMissing: "Missing",
    scopeNotYet: "Not granted yet",
    scopeNotReported: "Comes with signing in (not reported by every provider)",
    scopeLapsed: "No longer in force",
    scopesRevoked:
      "The connection was revoked: none of these permissions is in force any more until the mailbox is connected again.",
    scopesBroken:
      "The provider no longer accepts this authorization: none of these permissions is in force until the mailbox is reconnected.",
    extraLapsed: "Also granted before, no longer in force: {scopes}",
    extraGranted: "Also granted: {scopes}",
    members: "Assigned to",
    device: "Use a device code",
    deviceHint: "For a mailbox whose owner signs in on another device.",
    memberView: "You see this mailbox because it is assigned to you.",
    sendsThrough: "Sends through",
    transportOwn: "{transport}, this mailbox's own choice",
    transportInherited: "{transport}, as its OAuth application",
    sentAs: "Sent as {address} by {delegate}",
    delegateGone:
      "{delegate} no longer authorizes sending as {address}: they must connect it again, or an administrator names another delegate in the settings below. Its mail waits.",
  },
  /** The preflight check of one mailbox (lib/mailboxes/run-preflight.ts): each step, then what to change. */
  preflight: {
    title: "Preflight check",
    intro:
      "Tries this mailbox's way out without sending anything: an access token, its permissions and, over SMTP, one sign-in to the provider's server.",
    button: "Run the check",
    running: "Checking…",
    status: {
      passed: "Passed",
      failed: "Failed",
      skipped: "Not tried",
    },
    code: "Code for support: {code}",
    /** A step's name before its outcome. */
    stepTitle: "{title}:",
    steps: {
      token: "Access token",
      scopes: "Permissions",
      smtp: "SMTP sign-in",
      api: "Mail API",
      credentials: "Token endpoint and credentials",
    },
    token: {
      passed: "Relais got an access token for this mailbox (renewed if it was about to end).",
      failed: "Relais could not get an access token: the connection is “{state}”.",
      transient: "The provider could not be reached, or answered with a temporary error.",
      transientFix: "Run the check again in a few minutes; if it lasts, the provider may be having trouble.",
    },
    scopes: {
      passed: "Its authorization includes every permission that sending through {transport} needs.",
      failed: "Its authorization lacks a permission that sending needs: {scopes}.",
    },
    smtp: {
      passed: "Signed in to {host} with OAuth (XOAUTH2), then left without sending anything.",
      whereSmtpAuth:
        "Where: Microsoft 365 admin centre › Users › Active users › this mailbox › Mail › Manage email apps › “Authenticated SMTP”.",
      refused: "{host} refused the access token for this mailbox.",
      refusedFix:
        "Reconnect the mailbox with the account that owns it (or its delegate), and leave every permission ticked.",
      invalidAddress: "This mailbox's address cannot be used to sign in over SMTP.",
      invalidAddressFix: "Correct the mailbox's address, or its delegate, in its settings below.",
      unreachable: "Relais could not reach the SMTP server {host}.",
      unreachableFix:
        "An administrator should check the SMTP host, port and security of the school's OAuth application; if they are right, try again later.",
      skipped: "Not tried: there is no access token to sign in with.",
    },
    api: {
      graphPassed:
        "Microsoft Graph accepted the access token and reached the mailbox {address}; nothing was sent.",
      graphShared:
        "Microsoft Graph accepted {delegate}'s access token and found the shared mailbox {address}. Whether {delegate} may send as it is Microsoft's answer to the first mail.",
      graphUnread:
        "Microsoft Graph accepted the access token. The authorization does not include reading the profile (User.Read), so the mailbox's address was not compared.",
      graphSharedUnread:
        "Microsoft Graph accepted the delegate's access token. The authorization does not include reading other users' profiles (User.ReadBasic.All), so the shared mailbox was not looked up.",
      gmailPassed: "The Gmail API accepted the access token for {address}; nothing was sent.",
      gmailUnread:
        "The Gmail API accepted the access token. Sending permission alone (gmail.send) cannot read the account's profile, so its address was not compared.",
      gmailAlias:
        "{address} is a verified “Send mail as” address of {delegate}: Gmail will keep it as the sender.",
      aliasMissing:
        "{address} is not a verified “Send mail as” address of {delegate}: Gmail would send from {delegate}'s own address instead.",
      aliasMissingFix:
        "In Gmail, signed in as {delegate}: Settings › Accounts › “Send mail as” › add {address} and confirm it; or have a Google Workspace administrator delegate the mailbox.",
      tokenRefused: "{api} refused the access token for this mailbox.",
      notFound: "{api} knows no mailbox {address}.",
      notFoundFix:
        "Check the mailbox's address (or its delegate) in its settings below, and that the mailbox exists in the school's Microsoft 365 or Google Workspace.",
      denied: "{api} refused access to {address}.",
      deniedDelegateFix:
        "A Microsoft 365 administrator gives {delegate} “Send As” (or “Send on behalf”) on {address}: Exchange admin centre › Recipients › Mailboxes › {address} › Delegation; then run the check again.",
      otherAccount: "The access token reaches {account}, not {address}.",
      otherAccountFix:
        "Reconnect the mailbox signed in as {address} (or its delegate): another account's authorization was given.",
      unexpected: "{api} answered in a way Relais does not understand.",
      unreachable: "Relais could not reach the mail API at {host}.",
      unreachableFix:
        "An administrator should check the API address of the school's OAuth application; if it is right, try again later.",
    },
    consent: {
      fix: "Consent to the school's OAuth application is missing. A Microsoft 365 administrator of the school (Global Administrator, Privileged Role Administrator or Cloud Application Administrator) must open the link below and accept: it grants the application, for the whole organisation, the permissions it asks for (sending mail as the mailboxes that are connected to it). Then run the check again.",
      platformFix:
        "Consent to the platform's OAuth application (the one Relais provides) is missing. A Microsoft 365 administrator of the school (Global Administrator, Privileged Role Administrator or Cloud Application Administrator) must open the link below and accept: it grants that application, for the whole organisation, the permissions it asks for (sending mail as the mailboxes that are connected to it). Then run the check again.",
      where:
        "The link opens Microsoft's own consent page; the administrator signs in with their Microsoft 365 account there. An administrator can also grant it in the Microsoft Entra admin centre › Enterprise applications › this application › Permissions.",
      link: "Grant admin consent at Microsoft",
    },
    last: {
      title: "Last check:",
      never: "Not checked yet: run the check, or connect the mailbox.",
      passed: "{when}, {trigger}: every step passed.",
      failed: "{when}, {trigger}: failed at “{step}”.",
      triggers: {
        button: "run by hand",
        connect: "right after connecting",
        configuration: "from the OAuth application's check",
      },
    },
  },
  /** A mailbox stopped because Microsoft has SMTP AUTH off for it (lastErrorCode smtp_auth_disabled). */
  smtpAuthOff: {
    body: "Microsoft refuses to let this mailbox sign in to its SMTP server: SMTP AUTH (“Authenticated SMTP”) is switched off for the mailbox or for the whole Microsoft 365 organisation. Over SMTP no mail can leave, with OAuth or without; its mail waits. Either an Exchange administrator switches it on again, or the mailbox sends through Microsoft Graph, which does not need it.",
    ownerBody:
      "Microsoft has SMTP AUTH switched off for this mailbox, so its mail cannot be sent over SMTP and waits. The school's IT admin can switch it on again, or send it through Microsoft Graph.",
    switchMailbox: "Send this mailbox through Microsoft Graph",
    switchConfiguration: "Move the whole OAuth application to Graph",
    switchHint:
      "Microsoft Graph needs the Mail.Send permission: unless it was already granted, the mailbox is connected once more to grant it, and its waiting mail then goes out.",
    switched: "This mailbox now sends through Microsoft Graph; its waiting mail goes out.",
    switchedReconsent:
      "This mailbox now sends through Microsoft Graph. Connect it again to grant the new permission (or send a connect link); its waiting mail goes out after that.",
  },
  /** A mailbox whose grant lacks the permission of its new transport (lastErrorCode transport_needs_consent). */
  needsConsent: {
    fix: "It now sends through {transport}, which needs a permission its owner has not granted yet. Connect it again and accept every permission, or send a connect link; its mail waits until then.",
    ownerFix:
      "The school now sends this mailbox's mail through {transport}, which needs one more permission. Reconnect it and accept every permission asked; its mail waits until then.",
  },
  connectLinks: {
    title: "Connect links",
    intro:
      "A connect link lets a mailbox's owner connect it without a Relais account. It is mailed to the mailbox's own address (a shared mailbox's to its delegate), works once, and replaces any earlier unused link.",
    expiry: "Valid for",
    days: "{days} days",
    oneDay: "1 day",
    send: "Send connect links",
    sendSelected:
      "{count, plural, one {Send a connect link to the selected mailbox} other {Send connect links to the # selected mailboxes}}",
    create: "Create and send a link",
    noneSelected: "Select at least one mailbox.",
    expiryRange: "Choose between 1 and 30 days.",
    sent: "{count, plural, one {# link sent} other {# links sent}}, valid until {date}.",
    notMailed: "These could not be mailed: {addresses}. Send them again later.",
    partFailed: "Not sent to {addresses}: {reason}",
    listTitle: "Links of this mailbox",
    empty: "No connect link yet.",
    columns: {
      mailbox: "Mailbox",
      created: "Created",
      createdBy: "By",
      sentTo: "Sent to",
      expires: "Expires",
      state: "State",
    },
    notSent: "Not sent",
    states: {
      valid: "Open",
      expired: "Expired",
      used: "Used",
      revoked: "Revoked",
      unknown: "Unknown",
    },
    revoke: "Revoke",
    revoked: "The link for {address} was revoked.",
    notRevocable: "This link was already used or revoked.",
    mail: {
      subject: "Connect the mailbox {address} for {tenant}",
      reminderSubject: "Reminder: connect the mailbox {address} for {tenant}",
      reminderLead:
        "This is a reminder: {address} is not connected yet. The link in the earlier message no longer works; use the one below.",
      bodyDelegate:
        "Hello,\n\n{admin}, of {tenant}, asks you to connect the shared mailbox {address} to Relais, through which the school's software sends mail from it without a password. You were named as the person who sends as {address}.\n\nOpen this link, sign in with your own account, {delegate}, and accept:\n{link}\n\nYou will be asked to let Relais send mail with your account; it sends as {address} only, which your “Send As” rights on it allow. Your password is never given to Relais or to the school, and you can withdraw this permission at any time from your account's settings.\n\nThe link works once, for {days} days, until {until}. If you did not expect this message, ignore it, or ask {tenant}'s IT administrator.",
      body: "Hello,\n\n{admin}, of {tenant}, asks you to connect the mailbox {address} to Relais, through which the school's software sends mail from it without a password.\n\nOpen this link, sign in to {address}, and accept:\n{link}\n\nYou will be asked to let Relais send mail as {address}. Your password is never given to Relais or to the school, and you can withdraw this permission at any time from your account's settings.\n\nThe link works once, for {days} days, until {until}. If you did not expect this message, ignore it, or ask {tenant}'s IT administrator.",
    },
  },
  import: {
    title: "Import mailboxes",
    intro:
      "Add many mailboxes at once from a CSV file. Every row is checked first: if one is refused, nothing is imported, and a report says which rows to fix.",
    columnsTitle: "Columns",
    columns: {
      address: "the mailbox's address (required).",
      display_name: "a name shown in the list (optional).",
      configuration:
        "the name of one of this school's OAuth applications, as written in its list (required).",
      members: "the addresses of the members it is assigned to, separated by semicolons (optional).",
    },
    format:
      "The first row names the columns. Commas or semicolons as separators (spreadsheets in French use semicolons), UTF-8 encoding (“CSV UTF-8” in Excel), at most {rows} rows and 1 MiB.",
    example: "Download an example",
    exampleFile: "mailboxes-example.csv",
    file: "CSV file",
    submit: "Import",
    imported: "{count, plural, one {# mailbox imported.} other {# mailboxes imported.}}",
    refused:
      "Nothing was imported: {count} of {total} {total, plural, one {row needs} other {rows need}} attention. Fix them and import the file again.",
    fileRefused: "Nothing was imported.",
    backToList: "See the mailboxes",
    connectNext: "Send connect links to the mailboxes not connected yet",
    report: {
      caption: "Rows to fix",
      row: "Row",
      address: "Address",
      reason: "Why",
    },
    errors: {
      noFile: "Choose a CSV file.",
      tooLarge: "The file is larger than 1 MiB. Split it in several files.",
      notUtf8: "The file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”.",
      unclosedQuote: "A quoted field opened on row {row} is never closed.",
      empty: "The file is empty: its first row must name the columns.",
      unknownColumn:
        "Unknown column “{column}”. The columns are address, display_name, configuration and members.",
      duplicateColumn: "The column “{column}” appears twice.",
      missingColumn: "The column “{column}” is missing from the first row.",
      tooManyRows: "The file has more than {max} rows. Split it in several files.",
      noRows: "The file names its columns but has no mailbox.",
      changedMeanwhile:
        "Some of these mailboxes were added by someone else meanwhile. Import the file again.",
      failed: "The file could not be sent. Try again.",
    },
    problems: {
      tooManyFields: "More fields than columns (a comma in a name needs quotes).",
      addressMissing: "The address is missing.",
      addressInvalid: "This is not a valid email address.",
      duplicateInFile: "This address already appears on row {row}.",
      nameTooLong: "The display name is longer than 200 characters.",
      configurationMissing: "The OAuth application is missing.",
      configurationUnknown: "No OAuth application is named “{name}” in this school.",
      alreadyExists: "This school already has this mailbox.",
      memberUnknown: "{email} is not a member of this school.",
    },
  },
  mine: {
    title: "My mailboxes",
    intro:
      "The school mailboxes assigned to you. Connect each one so that the school's software can send mail from it, without your password.",
    empty: "No mailbox is assigned to you in {tenant}.",
    delegate:
      "A shared mailbox: connect it by signing in as {delegate}; mail then goes out from this address.",
    device: "Use a device code",
    details: "Details",
  },
  connectPage: {
    title: "Connect {address}",
    intro:
      "{tenant} asks you to connect this mailbox, so that the school's software can send mail from it without your password.",
    whatHappens: "What will happen",
    steps: {
      signIn: "You sign in to {address} at {provider}.",
      signInDelegate:
        "You sign in at {provider} with your own account, {delegate}, which has the right to send as {address}.",
      consent: "You allow Relais to send mail as this address. Accept every permission asked.",
      done: "You come back here, and the mailbox is connected. Relais never sees your password, and you can withdraw the permission at any time.",
    },
    connect: "Connect",
    device: "Use a device code instead",
    deviceHint: "If you cannot sign in in this browser, a code lets you do it on another device.",
    providers: {
      google: "Google",
      microsoft: "Microsoft",
      platform_microsoft: "Microsoft",
      custom: "your mail provider",
    },
    states: {
      expired: {
        title: "This link has expired",
        body: "Ask {tenant}'s IT administrator for a new link.",
      },
      used: {
        title: "This link was already used",
        body: "The mailbox was connected with it. If it needs connecting again, ask {tenant}'s IT administrator for a new link.",
      },
      revoked: {
        title: "This link was withdrawn",
        body: "A newer link may have replaced it. Ask {tenant}'s IT administrator for a new link.",
      },
      unknown: {
        title: "This link does not work",
        body: "It may be incomplete or no longer exist. Ask your school's IT administrator for a new link.",
      },
    },
  },
} as const;
