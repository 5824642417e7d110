"use server";

import { tenantAction } from "@/lib/actions/define-action";
import { createRelayCredential } from "./create-relay-credential";
import { createRelayCredentialSchema, relayCredentialIdSchema } from "./relay-credential-schemas";
import { revokeRelayCredential } from "./revoke-relay-credential";

export const createRelayCredentialAction = tenantAction(
  "relay.write",
  createRelayCredentialSchema,
  createRelayCredential,
);

export const revokeRelayCredentialAction = tenantAction(
  "relay.write",
  relayCredentialIdSchema,
  (ctx, input) => revokeRelayCredential(ctx, input.id),
);
