/** The name of the relay credential the planner makes for a sender: the sender's own address. */
export function relayCredentialName(address: string): string {
  return address.slice(0, 100);
}
