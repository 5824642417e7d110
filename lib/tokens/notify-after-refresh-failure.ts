import { logger } from "@/lib/log/logger";
import type { RecordedFailure } from "./record-refresh-failure";
import type { RefreshFailure } from "./refresh-failure";
import { notifyAdminsOfBrokenConfigurations } from "@/lib/notifications/notify-configuration-admins";
import { notifyOwnersOfBrokenMailboxes } from "@/lib/notifications/notify-mailbox-owners";

/**
 * After a refused refresh was committed: the owners of a connection that
 * just broke, or the admins of a configuration that was just refused, are
 * told. A failed mail never hides the token error from the caller; the
 * daily digest and `notifications:digest` catch up.
 */
export async function notifyAfterRefreshFailure(
  tenantId: string,
  recorded: RecordedFailure,
  failure: RefreshFailure,
): Promise<void> {
  try {
    if (recorded.brokeConnection) await notifyOwnersOfBrokenMailboxes({ tenantId });
    if (recorded.brokeConfiguration) await notifyAdminsOfBrokenConfigurations(tenantId);
  } catch (error) {
    logger().error(
      { tenantId, refreshFailure: failure.code, err: error },
      "Could not send the notice about a refused refresh",
    );
  }
}
