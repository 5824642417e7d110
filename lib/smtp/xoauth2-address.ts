/**
 * XOAUTH2 sends `user=<address>\x01auth=Bearer <token>\x01\x01`: a `\x01` in the
 * address would forge the fields that follow, and CR or LF would end the SMTP
 * command line early. Such an address is refused before anything is sent.
 */
export function isXoauth2SafeAddress(address: string): boolean {
  return address.length > 0 && address.length <= 320 && !/[\r\n\x01]/.test(address);
}
