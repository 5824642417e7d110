import { safeFetch } from "@/lib/net/safe-fetch";
import { ApiSendError, apiSendErrorOf } from "./api-send-error";

type SendAsList = { sendAs?: { sendAsEmail?: string; isPrimary?: boolean; verificationStatus?: string }[] };

const CHECK_TTL_MS = 10 * 60_000;
const checked = new Map<string, number>();

/**
 * Gmail (API and SMTP alike) does not refuse a `From:` that is not one of the
 * account's send-as addresses: it silently writes the account's own address
 * instead. Before a delegate's mail goes out as a shared address, its list
 * of send-as addresses (`settings/sendAs`, scope `gmail.settings.basic` or
 * the full mail scope) must hold that address, verified; else the send is
 * refused here as Send As denied, rather than reported sent from an address
 * it never left from. A positive answer is remembered for ten minutes per
 * mailbox and token.
 */
export async function assertGmailAlias(input: {
  baseUrl: string;
  accessToken: string;
  mailboxId: string;
  delegate: string;
  shared: string;
}): Promise<void> {
  const key = `${input.mailboxId}:${input.accessToken}`;
  const until = checked.get(key);
  if (until && until > Date.now()) return;
  const response = await safeFetch(
    `${input.baseUrl}/gmail/v1/users/me/settings/sendAs`,
    { headers: { authorization: `Bearer ${input.accessToken}` } },
    { timeoutMs: 30_000, maxBytes: 256 * 1024 },
  );
  if (response.status !== 200) throw apiSendErrorOf(response.status, response.body, response.headers);
  let list: SendAsList = {};
  try {
    list = JSON.parse(response.body) as SendAsList;
  } catch {
    // An unreadable list verifies nothing.
  }
  const shared = input.shared.toLowerCase();
  const alias = list.sendAs?.find((entry) => entry.sendAsEmail?.toLowerCase() === shared);
  if (!alias || !(alias.isPrimary || alias.verificationStatus === "accepted")) {
    throw new ApiSendError(
      403,
      "aliasNotVerified",
      `${input.shared} is not a verified send-as address of ${input.delegate}`,
      null,
    );
  }
  for (const [stale, expires] of checked) if (expires <= Date.now()) checked.delete(stale);
  checked.set(key, Date.now() + CHECK_TTL_MS);
}
