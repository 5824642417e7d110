import http from "node:http";
import { composeMime } from "../../lib/transports/compose-mime";
import type { BareMessage } from "./bare-pool-send";

/** What the bare Graph loop sends: the queued mails themselves, and each mailbox's token. */
export type BareGraphJob = {
  /** The fake Graph's base address (`fakes.microsoft.graphBaseUrl`), plain http on loopback. */
  baseUrl: string;
  /** Requests in flight at once per mailbox: Graph's limit, which the workers respect too. */
  concurrency: number;
  mailboxes: { address: string; accessToken: string }[];
  /** Sent first, not measured. */
  warmup: BareMessage[];
  messages: BareMessage[];
};

/** One POST of a base64 MIME message to Graph `sendMail`; resolves on 202, rejects on anything else. */
function post(url: URL, agent: http.Agent, accessToken: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${accessToken}`,
          "content-type": "text/plain",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          if (response.statusCode === 202) return resolve();
          reject(
            new Error(`Graph answered ${response.statusCode}: ${Buffer.concat(chunks).toString("utf8")}`),
          );
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * The ceiling of `bench/outbox/run.ts --transport graph`: the job's messages
 * built into MIME as the worker builds them (`composeMime`, base64) and posted
 * to Graph `sendMail` (`/v1.0/me/sendMail`, `text/plain`, the mailbox's
 * token), `concurrency` at a time per mailbox (lanes pulling from the
 * mailbox's share), over a plain keep-alive `http.Agent` per mailbox; no
 * database, no address guard. The warm-up messages go first, then `onWarm` is
 * called; returns the time of the others from the first request to the last
 * answer, in ms.
 */
export async function sendBareGraph(job: BareGraphJob, onWarm: () => void = () => {}): Promise<number> {
  const url = new URL(`${job.baseUrl}/v1.0/me/sendMail`);
  const agents = job.mailboxes.map(() => new http.Agent({ keepAlive: true, maxSockets: job.concurrency }));
  const send = async (messages: BareMessage[]) => {
    const byMailbox = job.mailboxes.map((): BareMessage[] => []);
    for (const message of messages) byMailbox[message.mailbox]!.push(message);
    await Promise.all(
      byMailbox.flatMap((queue, index) => {
        const { address, accessToken } = job.mailboxes[index]!;
        let next = 0;
        const lane = async () => {
          for (let m = queue[next++]; m; m = queue[next++]) {
            const mime = await composeMime({
              from: { name: m.fromName, address },
              to: m.to,
              cc: m.cc,
              bcc: m.bcc,
              subject: m.subject,
              text: m.text ?? undefined,
              html: m.html ?? undefined,
              messageId: m.messageId,
              attachments: [],
            });
            await post(url, agents[index]!, accessToken, mime.toString("base64"));
          }
        };
        return Array.from({ length: job.concurrency }, lane);
      }),
    );
  };
  await send(job.warmup);
  onWarm();
  const started = performance.now();
  await send(job.messages);
  const ms = performance.now() - started;
  for (const agent of agents) agent.destroy();
  return ms;
}
