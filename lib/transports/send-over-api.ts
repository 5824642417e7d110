import { safeFetch } from "@/lib/net/safe-fetch";
import { apiSendErrorOf } from "./api-send-error";

export type ApiSendRequest = {
  transport: "graph" | "gmail_api";
  /** The API's base address (apiBaseUrlFor). */
  baseUrl: string;
  accessToken: string;
  /** The address the mail is sent as: with a delegate, the shared mailbox's. */
  sendAs: string;
  /** Whether the token is a delegate's, sending as `sendAs`. */
  delegated: boolean;
  mime: Buffer;
};

/**
 * A mail API call's limits, and its connection: kept alive between calls, as a
 * worker posts mail to the same API host all day (a new connection, and its
 * TLS handshake, per mail cost more than the call itself); each new one is
 * checked by the guarded lookup (docs/outbound-http.md).
 */
const API_CALL = { timeoutMs: 60_000, maxBytes: 64 * 1024, keepAlive: true };

/**
 * Posts a whole MIME message to Graph `sendMail` (base64, `text/plain`; to
 * `/users/{shared}` for a delegate) or to the Gmail API `messages.send`
 * (`{ raw }` in base64url), through the guarded fetch (the base address may be
 * a custom configuration's) over a kept-alive connection. Resolves to the
 * provider's acceptance as one line ("202 Accepted", "200 OK id=…"); throws an
 * ApiSendError for any other answer, an OutboundRefusedError when the call
 * could not be made.
 */
export async function sendOverApi(request: ApiSendRequest): Promise<string> {
  const authorization = `Bearer ${request.accessToken}`;
  if (request.transport === "graph") {
    const path = request.delegated
      ? `/v1.0/users/${encodeURIComponent(request.sendAs)}/sendMail`
      : "/v1.0/me/sendMail";
    const response = await safeFetch(
      `${request.baseUrl}${path}`,
      {
        method: "POST",
        headers: { authorization, "content-type": "text/plain" },
        body: request.mime.toString("base64"),
      },
      API_CALL,
    );
    if (response.status === 202 || response.status === 200) {
      const id = response.headers["request-id"];
      return `${response.status} Accepted${id ? ` request-id=${id}` : ""}`;
    }
    throw apiSendErrorOf(response.status, response.body, response.headers);
  }
  const response = await safeFetch(
    `${request.baseUrl}/gmail/v1/users/me/messages/send`,
    {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ raw: request.mime.toString("base64url") }),
    },
    API_CALL,
  );
  if (response.status >= 200 && response.status < 300) {
    let id = "";
    try {
      id = String((JSON.parse(response.body) as { id?: unknown }).id ?? "");
    } catch {
      // Accepted all the same.
    }
    return `${response.status} OK${id ? ` id=${id}` : ""}`;
  }
  throw apiSendErrorOf(response.status, response.body, response.headers);
}
