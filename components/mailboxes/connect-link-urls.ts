// The OAuth flow's entry points (its routes and pages live elsewhere): a
// Connect button is a plain link to them.

export const authorizeUrl = (tenantSlug: string, mailboxId: string) =>
  `/api/oauth/authorize?tenant=${encodeURIComponent(tenantSlug)}&mailbox=${encodeURIComponent(mailboxId)}`;

export const deviceUrl = (tenantSlug: string, mailboxId: string) =>
  `/t/${encodeURIComponent(tenantSlug)}/mailboxes/${encodeURIComponent(mailboxId)}/device`;

export const linkAuthorizeUrl = (token: string) => `/api/oauth/authorize?link=${encodeURIComponent(token)}`;

export const linkDeviceUrl = (token: string) => `/connect/${encodeURIComponent(token)}/device`;
