/**
 * How a credential treats the From: of what its device sends (the RelayFromPolicy enum).
 * A module of its own so that the browser's form can list them without the schema's node:net.
 */
export const relayFromPolicies = ["as_sent", "fixed_keep_name", "fixed_reply_to"] as const;
