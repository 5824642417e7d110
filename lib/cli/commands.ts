import type { CliCommand } from "./command";
import { tokensKeepAlive } from "./commands/keep-alive";
import { notificationsDigest } from "./commands/notifications-digest";
import { operatorCreate } from "./commands/operator-create";
import { operatorRevoke } from "./commands/operator-revoke";
import { personErase } from "./commands/person-erase";
import { personExport } from "./commands/person-export";
import { relayCreate } from "./commands/relay-create";
import { relayList } from "./commands/relay-list";
import { relayRevoke } from "./commands/relay-revoke";
import { revocationsRetry } from "./commands/revocations-retry";
import { secretsRotate } from "./commands/secrets-rotate";
import { tenantCreate } from "./commands/tenant-create";
import { tenantList } from "./commands/tenant-list";
import { userCreate } from "./commands/user-create";

// The operator command line's commands, in the order `help` lists them. A
// feature adds its command in a file of its own under commands/ and one line here.
export const commands: readonly CliCommand[] = [
  tenantCreate,
  tenantList,
  userCreate,
  operatorCreate,
  operatorRevoke,
  personExport,
  personErase,
  relayCreate,
  relayList,
  relayRevoke,
  secretsRotate,
  tokensKeepAlive,
  notificationsDigest,
  revocationsRetry,
];
