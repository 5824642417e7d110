/** Associated data of a pending revocation's token: it decrypts in that row only (docs/secrets.md). */
export const pendingRevocationTokenAad = (id: string) => `pendingRevocation:${id}:token`;
