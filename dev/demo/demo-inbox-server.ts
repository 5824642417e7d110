import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { RecordedMessage } from "@/dev/fake-providers/types";
import { signWebhook } from "@/lib/webhooks/sign-webhook";

/** A webhook the demo's receiver got: what school software listening to Relais would see. */
export type DemoWebhook = { receivedAt: Date; id: string; type: string; verified: boolean; summary: string };

const MAX_WEBHOOKS = 200;

const TRANSPORT_NAMES = { smtp: "SMTP XOAUTH2", graph: "Microsoft Graph", gmail_api: "Gmail API" } as const;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_whole, encoding: string, text: string) =>
    encoding.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

function header(raw: string, name: string): string {
  const head = (raw.split(/\r?\n\r?\n/)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head);
  return decodeWords(match?.[1]?.trim() ?? "");
}

/** Whether one of the request's `v1,` signatures is the one `secret` makes. */
function signatureMatches(headers: IncomingMessage["headers"], body: string, secret: string): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const timestamp = Number(headers["webhook-timestamp"] ?? NaN);
  if (!id || !Number.isFinite(timestamp)) return false;
  const expected = Buffer.from(
    signWebhook(id, new Date(timestamp * 1000), body, [secret])["webhook-signature"],
  );
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

function summaryOf(data: Record<string, unknown>): string {
  const reason = (data.reason ?? null) as { message?: string } | null;
  const who = data.address ?? data.messageId ?? data.name ?? "";
  return [who, data.state ?? data.status, reason?.message].filter(Boolean).join(" · ");
}

function webhookRows(webhooks: DemoWebhook[]): string {
  return [...webhooks]
    .reverse()
    .map(
      (w) =>
        `<tr><td>${escapeHtml(w.receivedAt.toISOString())}</td><td><code>${escapeHtml(w.type)}</code></td>` +
        `<td>${escapeHtml(w.summary)}</td><td>${w.verified ? "valid" : "INVALID"}</td>` +
        `<td><code>${escapeHtml(w.id)}</code></td></tr>`,
    )
    .join("");
}

function page(messages: RecordedMessage[], webhooks: DemoWebhook[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt.toISOString())}</td>` +
        `<td>${escapeHtml(m.auth)} (${m.provider}, ${TRANSPORT_NAMES[m.transport ?? "smtp"]})</td>` +
        `<td>${escapeHtml(m.to.join(", "))}</td><td>${escapeHtml(header(m.raw, "Subject"))}</td>` +
        `<td><code>${escapeHtml(header(m.raw, "Message-ID"))}</code></td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Demo mail servers: received mail</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body><h1>Mail received by the demo's mail servers</h1>
<p>Every message a worker delivered to the local demo providers: over SMTP with XOAUTH2, Microsoft Graph or the Gmail API. This page reloads every 5 seconds.</p>
<table><thead><tr><th>Received (UTC)</th><th>Sent by (provider)</th><th>To</th><th>Subject</th><th>Message-ID</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">Nothing yet.</td></tr>'}</tbody></table>
<h2>Webhooks received</h2>
<p>Events the demo school's webhook endpoint received from Relais, as its school software would, with the signature checked.</p>
<table><thead><tr><th>Received (UTC)</th><th>Event</th><th>What</th><th>Signature</th><th>webhook-id</th></tr></thead>
<tbody>${webhookRows(webhooks) || '<tr><td colspan="5">Nothing yet.</td></tr>'}</tbody></table></body></html>`;
}

/**
 * A page listing what the demo SMTP server accepted: where a demo user sees
 * their mail arrive. It is also the demo school's webhook receiver: `POST
 * /webhooks` records each event, its signature checked with `webhookSecret`.
 */
export async function startDemoInbox(
  port: number,
  messages: () => RecordedMessage[],
  webhookSecret?: string,
): Promise<Server> {
  const webhooks: DemoWebhook[] = [];
  const server = createServer((request, response) => {
    if (request.method === "POST" && request.url === "/webhooks") {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let event: { type?: string; data?: Record<string, unknown> } = {};
        try {
          event = JSON.parse(body) as typeof event;
        } catch {
          response.writeHead(400).end();
          return;
        }
        webhooks.push({
          receivedAt: new Date(),
          id: String(request.headers["webhook-id"] ?? ""),
          type: String(event.type ?? ""),
          verified: webhookSecret ? signatureMatches(request.headers, body, webhookSecret) : false,
          summary: summaryOf(event.data ?? {}),
        });
        webhooks.splice(0, Math.max(0, webhooks.length - MAX_WEBHOOKS));
        response.writeHead(204).end();
      });
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(page(messages(), webhooks));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
