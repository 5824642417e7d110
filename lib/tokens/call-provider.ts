import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import { safeFetch } from "@/lib/net/safe-fetch";
import { parseJsonBody } from "./token-response";

export type ProviderAnswer =
  | { status: number; body: unknown }
  /** No answer: refused by the outbound rules, timeout, connection failure. */
  | { refusal: OutboundRefusedError };

/**
 * POSTs a form to a provider endpoint a tenant typed (token, device), through
 * safeFetch. Neither the form (secrets, codes) nor the answer is ever logged.
 */
export async function callProvider(endpoint: string, form: URLSearchParams): Promise<ProviderAnswer> {
  try {
    const response = await safeFetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    });
    return { status: response.status, body: parseJsonBody(response.body) };
  } catch (error) {
    if (error instanceof OutboundRefusedError) return { refusal: error };
    throw error;
  }
}
