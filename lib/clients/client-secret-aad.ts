/** Associated data binding a client secret's ciphertext to its row (docs/secrets.md). */
export function clientSecretAad(id: string): string {
  return `clientConfiguration:${id}:clientSecret`;
}
