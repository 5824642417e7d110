// The OAuth flow's entry points (its routes and pages live elsewhere): a
// Connect button is a plain link to them.

/** `returnTo`: the tenant's page "Back" leads to after the authorization (lib/oauth-flow/return-path.ts). */
export const authorizeUrl = (tenantSlug: string, mailboxId: string, returnTo?: string) =>
  `/api/oauth/authorize?tenant=${encodeURIComponent(tenantSlug)}&mailbox=${encodeURIComponent(mailboxId)}` +
  (returnTo ? `&returnTo=${encodeURIComponent(returnTo)}` : "");

export const deviceUrl = (tenantSlug: string, mailboxId: string) =>
  `/t/${encodeURIComponent(tenantSlug)}/mailboxes/${encodeURIComponent(mailboxId)}/device`;

export const linkAuthorizeUrl = (token: string) => `/api/oauth/authorize?link=${encodeURIComponent(token)}`;

export const linkDeviceUrl = (token: string) => `/connect/${encodeURIComponent(token)}/device`;
