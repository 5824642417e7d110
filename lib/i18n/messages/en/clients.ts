export const clients = {
  title: "OAuth applications",
  intro:
    "The OAuth applications through which this school's mailboxes connect: the ones you registered at Google or Microsoft, or the platform's own.",
  newButton: "New OAuth application",
  empty: "No OAuth application yet. Add one to connect mailboxes.",
  providers: {
    google: "Google Workspace",
    microsoft: "Microsoft 365",
    platform_microsoft: "Microsoft 365 (platform application)",
    custom: "Custom OAuth 2.0",
  },
  flows: {
    authorization_code: "Authorization code (in the browser)",
    device_code: "Device code (a code typed on another device)",
  },
  securities: { tls: "TLS (port 465)", starttls: "STARTTLS (port 587)" },
  /** How mail leaves Relais; each with one line saying what it means. */
  transports: {
    smtp: "SMTP (XOAUTH2)",
    graph: "Microsoft Graph (sendMail)",
    gmail_api: "Gmail API (messages.send)",
  },
  /** Short names, where the full one does not fit (a select's first option on a phone). */
  transportsShort: {
    smtp: "SMTP",
    graph: "Graph",
    gmail_api: "Gmail API",
  },
  transportDescriptions: {
    smtp: "Mail goes to the provider's SMTP server, signed in with the mailbox's OAuth token; the provider must allow SMTP sign-in (SMTP AUTH) for the mailbox.",
    graph:
      "Mail is handed to Microsoft's web API over HTTPS: it works where Microsoft has switched SMTP AUTH off.",
    gmail_api:
      "Mail is handed to Google's Gmail web API over HTTPS, with a narrower permission (sending only) than SMTP needs.",
  },
  list: {
    name: "Name",
    provider: "Provider",
    clientId: "Client ID",
    flow: "Flow",
    mailboxes: "Mailboxes",
    warnings: "Warnings",
    lastTest: "Last test",
    platformClientId: "Platform application",
    warningsBadge: "{count} to check",
    noWarnings: "None",
    broken: "Refused by the provider",
    neverTested: "Never",
    secretExpiresIn: "Secret expires in {days, plural, one {# day} other {# days}}",
    secretExpiresToday: "Secret expires today",
    secretExpired: "Secret expired",
    edit: "Edit",
    duplicate: "Duplicate",
    delete: "Delete",
    test: "Test",
    deleteConfirm: "Delete the OAuth application “{name}”? This cannot be undone.",
    deleteConfirmButton: "Delete it",
    deleted: "The OAuth application “{name}” was deleted.",
    duplicated: "Copied as “{name}”.",
  },
  duplicate: {
    copySuffix: "(copy)",
    copySuffixNumbered: "(copy {n})",
  },
  delete: {
    inUse:
      "{count, plural, one {# mailbox uses} other {# mailboxes use}} this application: {addresses}. Move them to another application before deleting it.",
    inUseMore:
      "{count} mailboxes use this application: {addresses} and {more} more. Move them to another application before deleting it.",
    inUseNow: "A mailbox started using this application just now, so it was not deleted.",
  },
  errors: {
    platformUnavailable:
      "The platform's Microsoft application is not configured on this server. Ask the platform operator, or register your own application.",
    secretUnreadable:
      "The stored client secret cannot be decrypted with this server's keys. Paste the secret again.",
  },
  new: {
    title: "New OAuth application",
    choose: "Where is the application registered?",
    change: "Choose another provider",
    google: {
      title: "Google Workspace",
      description: "An OAuth client (Web application) that you created in the Google Cloud console.",
      defaultName: "Google Workspace",
    },
    microsoft: {
      title: "Microsoft 365",
      description: "An app registration that you created in the Microsoft Entra admin center.",
      directory: "Directory",
      directoryHint:
        "Your directory (tenant) ID, organizations (any work or school account) or common (also personal accounts).",
      submit: "Use Microsoft 365",
      defaultName: "Microsoft 365",
    },
    platform: {
      title: "The platform's Microsoft application",
      description:
        "Nothing to register at Microsoft: mailboxes connect through the application this platform's operator set up. An administrator of your Microsoft 365 may have to consent once.",
      defaultName: "Microsoft 365 (platform application)",
    },
    custom: {
      title: "Another OAuth 2.0 provider",
      description: "Enter every endpoint yourself.",
      defaultName: "Custom OAuth",
    },
  },
  form: {
    sections: {
      application: "Application",
      endpoints: "Endpoints",
      access: "Access",
      sending: "Sending",
      smtp: "SMTP",
    },
    name: "Name",
    nameHint: "How this application is named in Relais, e.g. “Google – staff”.",
    provider: "Provider",
    clientId: "Client ID",
    clientSecret: "Client secret",
    clientSecretHint: "Write-only: once saved, it is never shown again.",
    clientSecretOptional: "Leave it empty for a public client (Microsoft “Allow public client flows”).",
    secretSet: "A secret is set, ending in {hint}.",
    secretKeep: "Leave this field blank to keep it, or type a new secret to replace it.",
    newSecret: "New client secret",
    clearSecret: "Remove the stored secret",
    noSecret: "No client secret is stored.",
    clientSecretExpiresOn: "Client secret expires on",
    clientSecretExpiresOnHint:
      "Optional: the expiry date the provider showed when the secret was made (Microsoft: “Certificates & secrets”, “Expires”). Relais reminds the administrators 60, 30 and 7 days before. With a new secret, type its new date: otherwise the old one is dropped.",
    directory: "Microsoft directory",
    authorizationEndpoint: "Authorization endpoint",
    tokenEndpoint: "Token endpoint",
    deviceEndpoint: "Device authorization endpoint",
    deviceEndpointHint:
      "For Microsoft, derived from the authorization endpoint (authorize → devicecode); you may change it.",
    revocationEndpoint: "Revocation endpoint",
    revocationEndpointHint: "Optional. Microsoft has none: disconnecting then only deletes the tokens here.",
    scopes: "Scopes",
    scopesHint: "One per line, or separated by spaces.",
    defaultFlow: "How mailboxes connect",
    pkce: "Use PKCE (recommended; required without a client secret)",
    keepAliveDays: "Renew idle connections after (days)",
    keepAliveDaysHint:
      "Relais refreshes a connection unused this long, so that the provider does not end it. Leave it empty for this provider's default: {days} days (at most {max}).",
    googleTesting: "The application is in “Testing” publishing status at Google",
    googleTestingHint:
      "Google ends the connections of an application in Testing 7 days after they are made. Once the application is published (or Internal), untick this box.",
    transport: "Send through",
    transportHint:
      "How this application's mailboxes hand their mail to the provider. A mailbox may choose another way in its own settings.",
    transportScopesNote: "Choosing how to send, above, fills in the permissions it needs.",
    proposedTransport:
      "{transport} is chosen below, with the permissions it needs. Save the changes to move every mailbox of this application to it.",
    apiBaseUrl: "API base address",
    apiBaseUrlFixed: "The provider's own address, fixed for this provider.",
    apiBaseUrlHint:
      "Where the mail API's calls start, for example https://graph.microsoft.com. Required to send through an HTTP API.",
    smtpServerHint:
      "Used by the mailboxes that send over SMTP: this application's, or those that chose SMTP in their own settings.",
    smtpHost: "SMTP server",
    smtpPort: "Port",
    smtpSecurity: "Security",
    platformNote:
      "This application is the platform's Microsoft application (directory: {directory}). Its client ID, secret and endpoints are set by the platform operator.",
    submitCreate: "Add the application",
    submitSave: "Save the changes",
    saved: "Saved.",
    savedReconsent:
      "Saved. {count, plural, one {# mailbox needs} other {# mailboxes need}} a new permission for this way of sending: see “Mailboxes to connect again” at the top of the page.",
    errorsTitle: "The application was not saved:",
    fieldError: "{field}: {message}",
  },
  created: {
    title: "OAuth application “{name}” added",
    intro: "Next, check that the provider accepts it, then add the mailboxes that will connect through it.",
    test: "Test it now",
    addMailbox: "Add a mailbox",
    importMailboxes: "Import mailboxes from a file",
  },
  page: {
    back: "All OAuth applications",
    mailboxes: "Mailboxes using it: {count}",
    broken: "The provider refused this client on {when}. Check the client ID and secret, then test again.",
    warningsTitle: "Worth checking",
    readOnly: "You can see this application but not change it.",
    transport: "Sends through {transport}",
  },
  reconsent: {
    title: "Mailboxes to connect again",
    intro:
      "This application now sends in a way that needs a permission these mailboxes' owners have not granted yet. Their mail waits, and goes out once each is connected again with the new permission.",
    count: "{count, plural, one {# mailbox} other {# mailboxes}}",
    by: "connected by {delegate}",
    more: "and {count} more",
    send: "Send reconnect links to all",
    sendHint:
      "Each link is mailed to the person who connects the mailbox, works once and replaces any earlier unused link.",
    sending: "Sending reconnect links… {done} of {total}",
    sent: "{count, plural, one {# reconnect link sent.} other {# reconnect links sent.}}",
    alreadyConnected:
      "{count, plural, one {# mailbox was} other {# mailboxes were}} connected again meanwhile and got no link.",
    notMailed: "These could not be mailed: {addresses}. Try again later.",
  },
  switch: {
    apiBaseUrlMissing:
      "This application has no API base address. Edit it and type one before sending through an HTTP API.",
  },
  redirect: {
    label: "Redirect URI",
    hint: "Register this address in the provider's console exactly as shown: providers compare it character for character.",
    copy: "Copy",
    copied: "Copied",
    copyFailed: "Could not copy: select the address and copy it yourself.",
  },
  help: {
    title: "How to register the application",
    google: {
      summary: "At Google (Google Cloud console)",
      step1:
        "Open console.cloud.google.com, create a project (a name without accents: people never see it) and make sure it is selected.",
      step2: "In “APIs & Services” → “Library”, find “Gmail API” and enable it.",
      step3:
        "In “OAuth consent screen”, choose “Internal” for a Google Workspace school (only your domain's accounts can connect), or “External” and then publish the app.",
      step3Warning:
        "Do not leave the app in “Testing” status: Google then lets refresh tokens die after 7 days, and every mailbox would have to reconnect each week.",
      step4:
        "To send over SMTP: in the scopes (“Data access”), choose “Add or remove scopes”, paste https://mail.google.com/ under “Manually add scopes”, add it to the table and save. The gmail.send scope is not enough for SMTP.",
      step4Api:
        "To send through the Gmail API: add https://www.googleapis.com/auth/gmail.send the same way instead (it only allows sending), and make sure the Gmail API is enabled (step 2).",
      step5:
        "In “Credentials”, choose “Create credentials” → “OAuth client ID”, application type “Web application”.",
      step6: "Under “Authorized redirect URIs”, add this address exactly: {redirectUri}",
      step7:
        "Create it, then copy the client ID and the client secret shown into this form. Choose the Google Workspace preset: the endpoints and scopes are filled in for you.",
    },
    microsoft: {
      summary: "At Microsoft (Microsoft Entra admin center)",
      step1:
        "Open entra.microsoft.com → “Identity” → “Applications” → “App registrations” → “New registration”.",
      step2:
        "Give it a name and choose the supported account types: “Accounts in this organizational directory only” (then use your directory ID here) or “Accounts in any organizational directory” (then use organizations).",
      step3: "Under “Redirect URI”, choose the “Web” platform and paste this address exactly: {redirectUri}",
      step4:
        "To send over SMTP: in “API permissions”, choose “Add a permission” → “APIs my organization uses” → “Office 365 Exchange Online” → “Delegated permissions” → SMTP.Send. Add offline_access, openid and email too (Microsoft Graph, delegated).",
      step4Graph:
        "To send through Microsoft Graph: in “API permissions”, choose “Add a permission” → “Microsoft Graph” → “Delegated permissions” → Mail.Send, and Mail.Send.Shared when shared mailboxes are sent as by a delegate. Add offline_access, openid and email too.",
      step5: "Still in “API permissions”, choose “Grant admin consent” for your organization.",
      step6:
        "In “Certificates & secrets”, create a new client secret and copy its Value (not its Secret ID) at once. Note its expiry date: when it expires, mailboxes stop sending until a new secret is pasted here.",
      step6Alternative:
        "Without a secret: in “Authentication”, set “Allow public client flows” to Yes and leave the client secret empty here (PKCE protects the exchange). The device code flow needs this setting too.",
      step7:
        "In “Overview”, copy the “Application (client) ID” into Client ID, and the “Directory (tenant) ID” into the directory when you chose a single directory.",
      note: "Over SMTP only: the mailboxes also need SMTP AUTH (“Authenticated SMTP”) enabled in the Exchange admin center; otherwise Microsoft refuses them when they send (535 5.7.139). Microsoft Graph does not need it.",
    },
  },
  /** The application's preflight (lib/preflight/run-configuration-preflight.ts). */
  preflight: {
    title: "Preflight check",
    intro:
      "Tests the token endpoint and credentials, then one connected mailbox of this application: its access token, its permissions and one sign-in (SMTP) or one read of the mail API, without sending anything.",
    mailbox: "Mailbox to check",
    firstConnected: "The first connected mailbox",
    button: "Run the check",
    running: "Checking…",
    checkedChosen: "Checked with {address}.",
    checkedFirst: "Checked with {address}, the first connected mailbox of this application.",
    noMailbox:
      "No mailbox of this application is connected yet: only the token endpoint and the credentials were checked. Connect a mailbox to check its sign-in too.",
  },
  test: {
    button: "Test this application",
    running: "Testing…",
    explanation:
      "Relais sends the token endpoint a made-up authorization code with this client ID and secret. A provider that recognises the client refuses only the code: that is a success.",
    lastTested: "Last tested {when}:",
    never: "Not tested yet.",
    passed: "Passed",
    failed: "Failed",
    providerSaid: "The provider answered “{error}”.",
    providerSaidAadsts: "The provider answered “{error}” (AADSTS{code}).",
    status: "HTTP status {status}.",
    outcomes: {
      ok: "The endpoint and client credentials are right: the provider recognised this client and refused only the made-up test code, as expected.",
      secret_invalid:
        "The client secret is wrong: the provider does not accept it for this client ID. Paste the secret's value again (in Entra, the “Value” column, not the “Secret ID”).",
      secret_expired:
        "The client secret has expired. Create a new one in the provider's console and paste it here.",
      secret_required:
        "The provider requires a client secret for this application and none is set. Paste one, or allow public client flows in the application's authentication settings.",
      app_not_found:
        "The provider has no application with this client ID in this directory. Check the client ID, and the directory in the endpoints.",
      invalid_client: "The provider refused the client: the client ID or the client secret is wrong.",
      unauthorized_client:
        "The provider knows this client but does not allow it to use the authorization code flow. Check the application's type and platform in the provider's console.",
      redirect_uri_mismatch:
        "The client is known, but the redirect URI is not registered exactly as shown on this page. Add it to the application's redirect URIs.",
      consent_required:
        "The client is accepted, but consent is missing: an administrator must grant consent to the requested permissions.",
      unexpected_success:
        "The endpoint accepted a made-up code and returned a token: a real OAuth provider never does. Check the token endpoint.",
      not_json:
        "The address answered with something that is not an OAuth answer (an HTML page, for instance). Check the token endpoint.",
      server_error:
        "The provider has a problem on its side (server error or overload). Try again in a few minutes.",
      unexpected_response:
        "The provider answered in a way Relais does not understand. Check the token endpoint and the client ID.",
      refused_invalid_url: "The token endpoint is not a valid address. Relais did not call it.",
      refused_not_https: "The token endpoint must start with https://. Relais did not call it.",
      refused_numeric_host:
        "The token endpoint's server is written as an unusual number. Write its name instead. Relais did not call it.",
      refused_blocked_address:
        "The token endpoint leads to a private or reserved network. Relais only calls public servers, and did not call it.",
      redirect_refused:
        "The token endpoint answered with a redirection, which Relais never follows. Enter the token endpoint's final address.",
      too_large: "The token endpoint's answer was far too large to be an OAuth answer.",
      timeout: "The token endpoint did not answer within 10 seconds. Check the address, or try again later.",
      dns_failed: "The token endpoint's server name does not exist. Check the address for a typo.",
      connect_failed:
        "The token endpoint could not be reached (connection refused, or a secure-connection problem).",
      platform_unavailable:
        "The platform's Microsoft application is no longer configured on this server. Ask the platform operator, or use your own application.",
      secret_unreadable:
        "The stored client secret cannot be decrypted with this server's keys. Paste the secret again.",
    },
  },
  validation: {
    nameRequired: "Give this application a name.",
    nameTooLong: "The name is too long (100 characters at most).",
    providerInvalid: "Choose a provider.",
    clientIdRequired: "Enter the client ID from the provider's console.",
    clientIdTooLong: "This client ID is too long.",
    secretTooLong: "This client secret is too long.",
    secretRequired: "Google requires the client secret of a web application.",
    urlRequired: "Enter this endpoint's address.",
    urlInvalid: "This is not a valid address. Paste the full URL, starting with https://.",
    urlNotHttps: "The address must start with https://.",
    urlHasCredentials: "The address must not contain a user name or password.",
    urlNumericHost: "Write the server's name or its usual address (four numbers separated by dots).",
    urlPrivateHost: "This address points to a private or reserved network; Relais only calls public servers.",
    scopesRequired: "Enter at least one scope.",
    scopeInvalid: "A scope contains a character that is not allowed (quotes or backslashes).",
    scopesTooMany: "There are too many scopes (50 at most).",
    flowInvalid: "Choose how mailboxes are connected.",
    pkceInvalid: "Choose whether to use PKCE.",
    pkceRequiredWithoutSecret: "Without a client secret, PKCE must stay on.",
    deviceEndpointRequired:
      "The device flow needs a device endpoint; it cannot be derived from this authorization endpoint.",
    googleDeviceMailScope:
      "Google does not allow mail scopes in the device flow. Use the authorization code flow.",
    smtpHostInvalid: "Enter the SMTP server's name, for example smtp.gmail.com.",
    smtpHostPrivate:
      "This SMTP server is on a private or reserved network; Relais only connects to public servers.",
    smtpPortInvalid: "Enter a port between 1 and 65535 (usually 465 or 587).",
    smtpSecurityInvalid: "Choose TLS or STARTTLS.",
    nameTaken: "Another OAuth application of this school already has this name.",
    directoryInvalid: "Enter a directory (tenant) ID, organizations or common.",
    platformUnavailable: "The platform's Microsoft application is not configured on this server.",
    clientIdHasConnections:
      "Mailboxes are connected through this application: their authorizations belong to it. To use another application, duplicate this one with the new client ID, then move the mailboxes to the copy (Mailboxes › Act on several mailboxes › Move to another OAuth application): their authorizations here are withdrawn and their owners connect again.",
    clientIdWithdrawing:
      "Authorizations given to this application are still being withdrawn from the provider, which the workers keep asking. The client ID can change once that is done.",
    secretReplaceOrClear: "Either type a new secret or remove the stored one, not both.",
    transportInvalid: "Choose how this application's mailboxes send.",
    transportNotOffered: "This provider does not offer this way of sending.",
    apiBaseUrlRequired: "Enter the API's base address: sending through an HTTP API needs it.",
    keepAliveDaysInvalid:
      "Enter a whole number of days within the provider's limits (Microsoft: 1 to 80; Google: 1 to 150), or leave it empty.",
    secretExpiryInvalid:
      "Enter a real date (for example 2027-03-03), at most 10 years ahead, or leave it empty.",
  },
  secretExpiry: {
    expiresIn: "Client secret expires on {date} — in {days, plural, one {# day} other {# days}}.",
    expiresToday: "Client secret expires today, {date}.",
    expired: "Client secret expired on {date}.",
    seenExpired: "Client secret expired: the provider refused it as expired on {date}.",
    fix: {
      microsoft:
        "Create a new client secret in the Azure portal (Microsoft Entra admin center › App registrations › this application › Certificates & secrets), then paste its value, with its expiry date, in this application's settings in Relais.",
      google:
        "Create a new client secret in the Google Cloud console (Google Auth Platform › Clients › this client), then paste it, with its expiry date, in this application's settings in Relais.",
      other:
        "Create a new client secret at the provider, then paste it, with its expiry date, in this application's settings in Relais.",
    },
  },
  mail: {
    secretExpiring: {
      subjectOne: "{tenant}: the client secret of “{name}” expires on {date}",
      subjectMany: "{tenant}: {count} client secrets expire soon",
      line: "- {name}: its client secret expires on {date}, in {days, plural, one {# day} other {# days}}. {fix}\n  {link}",
      body: "When an OAuth application's client secret expires, the provider refuses the application, and every mailbox of {tenant} that connects through it stops sending until a new secret is saved:\n\n{configurations}\n",
    },
  },
  warnings: {
    googleMailScopeMissing:
      "Without the scope https://mail.google.com/, sending over SMTP will fail (gmail.send is not enough).",
    googleUnexpectedHost:
      "These are not Google's usual endpoints (accounts.google.com and oauth2.googleapis.com). Check them.",
    microsoftSmtpScopeMissing:
      "Without the scope https://outlook.office.com/SMTP.Send, sending over SMTP will fail.",
    gmailSendScopeMissing:
      "Without the scope https://www.googleapis.com/auth/gmail.send, sending through the Gmail API will fail.",
    graphMailSendScopeMissing:
      "Without the scope https://graph.microsoft.com/Mail.Send, sending through Microsoft Graph will fail.",
    microsoftOfflineAccessMissing:
      "Without the scope offline_access, Microsoft sends no refresh token: mailboxes will disconnect after an hour.",
    microsoftUnexpectedHost:
      "Microsoft's endpoints are normally on login.microsoftonline.com. Check the addresses.",
    smtpPortUnusual: "This is an unusual SMTP port. Providers use 465 (TLS) or 587 (STARTTLS).",
    smtpSecurityMismatch: "Port 465 normally uses TLS, and ports 25, 587 and 2525 use STARTTLS.",
    platformUnavailable:
      "The platform's Microsoft application is no longer configured on this server: mailboxes cannot connect through it.",
    googleTesting:
      "This Google application is declared in “Testing” publishing status: Google ends each mailbox's connection 7 days after it is made. In the Google Cloud console (Google Auth Platform › Audience), publish the application, or make it Internal if only your Google Workspace domain's accounts use it; then reconnect the mailboxes and untick “Testing” below.",
    googleTestingDetected:
      "Mailboxes of this OAuth application lost their connection about 7 days after connecting: the Google application looks to be in “Testing” publishing status, where Google ends every connection after 7 days. In the Google Cloud console (Google Auth Platform › Audience), publish it, or make it Internal if only your Google Workspace domain's accounts use it; then reconnect those mailboxes. If it is published already, untick “Testing” below and save.",
  },
} as const;
