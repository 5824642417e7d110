export const clients = {
  title: "OAuth client configurations",
  validation: {
    nameRequired: "Give this configuration a name.",
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
  },
  warnings: {
    googleMailScopeMissing:
      "Without the scope https://mail.google.com/, sending over SMTP will fail (gmail.send is not enough).",
    googleUnexpectedHost:
      "These are not Google's usual endpoints (accounts.google.com and oauth2.googleapis.com). Check them.",
    microsoftSmtpScopeMissing:
      "Without the scope https://outlook.office.com/SMTP.Send, sending over SMTP will fail.",
    microsoftOfflineAccessMissing:
      "Without the scope offline_access, Microsoft sends no refresh token: mailboxes will disconnect after an hour.",
    microsoftUnexpectedHost:
      "Microsoft's endpoints are normally on login.microsoftonline.com. Check the addresses.",
    smtpPortUnusual: "This is an unusual SMTP port. Providers use 465 (TLS) or 587 (STARTTLS).",
    smtpSecurityMismatch: "Port 465 normally uses TLS, and ports 25, 587 and 2525 use STARTTLS.",
  },
} as const;
