/**
 * Associated data binding each encrypted value of the authorization flows to
 * its row and column (docs/secrets.md): a ciphertext copied elsewhere no longer decrypts.
 */
export const accessTokenAad = (mailboxId: string) => `mailbox:${mailboxId}:accessToken`;
export const refreshTokenAad = (mailboxId: string) => `mailbox:${mailboxId}:refreshToken`;
export const codeVerifierAad = (authorizationId: string) =>
  `oauthAuthorization:${authorizationId}:codeVerifier`;
export const deviceCodeAad = (deviceAuthorizationId: string) =>
  `deviceAuthorization:${deviceAuthorizationId}:deviceCode`;
