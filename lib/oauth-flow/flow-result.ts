import { z } from "zod";
import { flowOutcomes } from "@/lib/connections/flow-outcomes";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

const flowResultSchema = z.object({
  outcome: z.enum(flowOutcomes),
  /** The mailbox concerned. */
  mailbox: z.string().optional(),
  /** wrong_account: the account that authorized. */
  account: z.string().optional(),
  /** insufficient_scope: what sending needs and was not granted. */
  missing: z.array(z.string()).optional(),
  /** The provider's error (and AADSTS numbers), or a reference for "internal". */
  code: z.string().optional(),
  /** A catalog key explaining a configuration problem, when there is one. */
  reasonKey: z.string().optional(),
  /** connected: no refresh token came and none was stored. */
  noRefreshToken: z.boolean().optional(),
  /** Where "Try again" starts a new attempt. */
  retry: z.string().optional(),
  /** The flow came from a connect link (its holder opens the link again to retry). */
  viaLink: z.boolean().optional(),
  /** Where "Back" leads (a path of this portal). */
  back: z.string().optional(),
  issuedAt: z.number(),
});

export type FlowResult = Omit<z.output<typeof flowResultSchema>, "issuedAt">;

// The result travels in the redirect's URL: sealed with the secrets key so that
// nobody can make the portal show a made-up outcome, and addresses stay out of logs.
const AAD = "oauthResult:page:result";
const MAX_AGE_MS = 60 * 60 * 1000;

export function sealFlowResult(result: FlowResult): string {
  return encryptSecret(JSON.stringify({ ...result, issuedAt: Date.now() }), AAD);
}

export function openFlowResult(sealed: string | null | undefined, now = Date.now()): FlowResult | null {
  if (!sealed) return null;
  try {
    const parsed = flowResultSchema.safeParse(JSON.parse(decryptSecret(sealed, AAD)));
    if (!parsed.success || now - parsed.data.issuedAt > MAX_AGE_MS) return null;
    const { issuedAt: _issuedAt, ...result } = parsed.data;
    return result;
  } catch {
    return null;
  }
}

export function resultPath(result: FlowResult): string {
  return `/oauth/result?r=${encodeURIComponent(sealFlowResult(result))}`;
}
