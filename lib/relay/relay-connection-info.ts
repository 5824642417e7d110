import type { relayConnectionInfo } from "./relay-settings";

/** What the portal tells a technician about the relay (host and ports; a port is null when not listening). */
export type RelayConnectionInfo = ReturnType<typeof relayConnectionInfo>;
