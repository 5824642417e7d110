import { createServer, type Server } from "node:http";
import type { RecordedMessage } from "@/lib/fake-providers/types";

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

function page(messages: RecordedMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt.toISOString())}</td><td>${escapeHtml(m.auth)} (${m.provider})</td>` +
        `<td>${escapeHtml(m.to.join(", "))}</td><td>${escapeHtml(header(m.raw, "Subject"))}</td>` +
        `<td><code>${escapeHtml(header(m.raw, "Message-ID"))}</code></td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Demo SMTP server: received mail</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body><h1>Mail received by the demo SMTP server</h1>
<p>Every message a worker delivered over SMTP with XOAUTH2 to the local demo server. This page reloads every 5 seconds.</p>
<table><thead><tr><th>Received (UTC)</th><th>Sent by (provider)</th><th>To</th><th>Subject</th><th>Message-ID</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">Nothing yet.</td></tr>'}</tbody></table></body></html>`;
}

/** A page listing what the demo SMTP server accepted: where a demo user sees their mail arrive. */
export async function startDemoInbox(port: number, messages: () => RecordedMessage[]): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(page(messages()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
