import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedWebhook = {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** The signature checked with the receiver's secrets by the `standardwebhooks` library. */
  verified: boolean;
};

type Behaviour = { status: number } | { hang: true } | { redirect: string };

/**
 * A real HTTP receiver on loopback, as school software would run one: it
 * checks each request's signature with the Standard Webhooks reference
 * library (not Relais's own code), records what arrived, and answers as told
 * (a status, a redirect, or no answer at all).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const queue: Behaviour[] = [];
  let secrets: string[] = [];
  let onRequest: (() => void) | undefined;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": String(request.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(request.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(request.headers["webhook-signature"] ?? ""),
      };
      const verified =
        secrets.length > 0 &&
        secrets.every((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch {
            return false;
          }
        });
      received.push({
        id: headers["webhook-id"],
        timestamp: headers["webhook-timestamp"],
        signature: headers["webhook-signature"],
        body,
        payload: JSON.parse(body) as ReceivedWebhook["payload"],
        verified,
      });
      onRequest?.();
      const behaviour = queue.shift() ?? { status: 204 };
      if ("hang" in behaviour) {
        hanging.add(response);
        return;
      }
      if ("redirect" in behaviour) {
        response.writeHead(302, { location: behaviour.redirect }).end();
        return;
      }
      response.writeHead(behaviour.status, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    /** Secrets every request's signature must verify with (the current one, or several during a rotation). */
    verifyWith(...values: string[]) {
      secrets = values;
    },
    /** The next answers, in order; afterwards 204. */
    answer(...behaviours: Behaviour[]) {
      queue.push(...behaviours);
    },
    /** Resolves once `count` requests have arrived in all. */
    waitFor(count: number, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${received.length} of ${count} webhooks arrived`)),
          timeoutMs,
        );
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            onRequest = undefined;
            resolve();
          }
        };
        onRequest = check;
        check();
      });
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
