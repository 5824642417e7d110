"use server";

import { tenantAction } from "@/lib/actions/define-action";
import { createApiKeySchema, revokeApiKeySchema } from "./api-key-schemas";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

export const createApiKeyAction = tenantAction("apiKeys.write", createApiKeySchema, createApiKey);

export const revokeApiKeyAction = tenantAction("apiKeys.write", revokeApiKeySchema, (ctx, input) =>
  revokeApiKey(ctx, input.id),
);
