import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { drainOutbox } from "../support/drain-outbox";
import { seedTenant } from "../support/factories";
import {
  seedRelayCredential,
  startTestRelay,
  testRelaySettings,
  type TestRelay,
} from "../support/relay-fixtures";
import { SmtpDialog } from "../support/smtp-dialog";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { seedConnectedMailbox, seedFakeConfiguration, startOutboxFakes } from "./outbox-fixtures";

// The relay against SMTP clients that devices and scripts really use (swaks, Python's
// smtplib, curl), raw sessions written the way some devices write them, and a relay
// process killed in the middle of a message. Every socket is on 127.0.0.1.

const database = useTestDatabase();

/** The relay's size limit here: the attachment case comes just under it. */
const LIMIT = 1024 * 1024;

let fakes: FakeProvidersHandle;
let relay: TestRelay;
const scratch = mkdtempSync(path.join(os.tmpdir(), "relais-relay-clients-"));
beforeAll(async () => {
  fakes = await startOutboxFakes();
  relay = await startTestRelay({ settings: testRelaySettings({ maxMessageBytes: LIMIT }) });
});
afterAll(async () => {
  await relay?.stop();
  await fakes?.close();
  rmSync(scratch, { recursive: true, force: true });
});

let counter = 0;
async function setup() {
  const tenant = await seedTenant();
  const config = await seedFakeConfiguration(fakes, tenant.id, "google");
  const n = ++counter;
  const mailbox = await seedConnectedMailbox(fakes, config, `copieur${n}-${Date.now()}@lycee.test`);
  const credential = await seedRelayCredential(tenant.id, [mailbox.id]);
  return { tenant, mailbox, credential };
}

async function relayedMail(tenantId: string) {
  const db = await getDb();
  return db.outgoingMail.findMany({ where: { tenantId, source: "relay" }, orderBy: { createdAt: "asc" } });
}

/**
 * The real worker runs until nothing is due: the statuses the mailbox's due mails ended in, and
 * what the fake provider received from the mailbox.
 */
async function deliver(mailbox: { id: string; address: string }) {
  const outcomes = await drainOutbox({ workerId: "relay-clients-test", mailboxId: mailbox.id });
  return {
    outcomes,
    received: fakes.control.messages().filter((m) => m.auth === mailbox.address),
  };
}

type Run = { code: number | null; stdout: string; stderr: string };

/** A command line client, with a timeout; never rejects, the exit code says how it went. */
function run(file: string, args: string[], timeoutMs = 15_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const QUEUED = /250 2\.0\.0 Queued as ([0-9a-f-]{36})/;

describe("SMTP relay with swaks", () => {
  const cases = [
    { kind: "submission", tls: ["--tls"], auth: "PLAIN" },
    { kind: "submission", tls: ["--tls"], auth: "LOGIN" },
    { kind: "tls", tls: ["--tlsc"], auth: "PLAIN" },
    { kind: "tls", tls: ["--tlsc"], auth: "LOGIN" },
    { kind: "plain", tls: [], auth: "PLAIN" },
    { kind: "plain", tls: [], auth: "LOGIN" },
  ] as const;

  it.each(cases)(
    "queues and delivers over the $kind listener with AUTH $auth",
    async ({ kind, tls, auth }) => {
      const { tenant, mailbox, credential } = await setup();
      const subject = `Scan ${kind} ${auth}`;
      const result = await run("swaks", [
        "--server",
        "127.0.0.1",
        "--port",
        String(relay.port(kind)),
        ...tls,
        "--ehlo",
        "copier.lan",
        "--auth",
        auth,
        "--auth-user",
        credential.username,
        "--auth-password",
        credential.password,
        "--from",
        mailbox.address,
        "--to",
        "parent@example.org",
        "--header",
        `Subject: ${subject}`,
        "--body",
        "Bonjour, voici le scan de la salle 12.",
        "--timeout",
        "10",
      ]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain("250 2.0.0 Queued as");
      expect(result.stdout).toMatch(new RegExp(`AUTH ${auth}`));
      // swaks marks the lines it wrote encrypted with "~>", in clear with "->".
      if (tls.length > 0) expect(result.stdout).toMatch(/^ ~> MAIL FROM/m);
      else expect(result.stdout).toMatch(/^ -> MAIL FROM/m);
      const id = QUEUED.exec(result.stdout)![1];

      const [row, ...others] = await relayedMail(tenant.id);
      expect(others).toHaveLength(0);
      expect(row).toMatchObject({
        id,
        status: "queued",
        source: "relay",
        mailboxId: mailbox.id,
        relayCredentialId: credential.id,
        clientIp: "127.0.0.1",
        subject,
        to: ["parent@example.org"],
        cc: [],
        bcc: [],
        recipientCount: 1,
      });
      const raw = Buffer.from(row!.raw!).toString("utf8");
      expect(raw).toContain("Bonjour, voici le scan de la salle 12.");
      expect(raw).toMatch(/^X-Mailer: swaks/m);

      const { outcomes, received } = await deliver(mailbox);
      expect(outcomes).toEqual(["sent"]);
      expect(received).toHaveLength(1);
      expect(received[0]!.from).toBe(mailbox.address);
      expect(received[0]!.to).toEqual(["parent@example.org"]);
      expect(received[0]!.raw).toContain(`Subject: ${subject}`);
      expect(received[0]!.raw).toContain("Bonjour, voici le scan de la salle 12.");
    },
  );
});

describe("SMTP relay with Python's smtplib", () => {
  /** Runs a Python script with a JSON argument; the script prints one JSON line. */
  async function python(code: string, input: object): Promise<Record<string, unknown>> {
    const result = await run("python3", ["-c", code, JSON.stringify(input)], 20_000);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
  }

  // An EHLO name and Message-ID domain are given: Python would otherwise ask the resolver for this host's name.
  const ATTACHMENT_SCRIPT = String.raw`
import json, smtplib, ssl, sys
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid, formatdate

args = json.loads(sys.argv[1])

def build(size):
    msg = EmailMessage()
    msg["From"] = "Copieur <%s>" % args["from"]
    msg["To"] = args["to"]
    msg["Subject"] = "Scan volumineux"
    msg["Date"] = formatdate()
    msg["Message-ID"] = make_msgid(domain="copier.lan")
    msg.set_content("Voici le document numérisé.\n")
    data = bytes((i * 7 + 3) % 256 for i in range(size))
    msg.add_attachment(data, maintype="application", subtype="pdf", filename="scan.pdf")
    return msg, data

# The attachment whose base64 brings the message (CRLF, as sent) just under the relay's limit.
empty, _ = build(0)
overhead = len(empty.as_bytes(policy=SMTP))
size = (args["limit"] - args["margin"] - overhead) // 78 * 57
msg, data = build(size)
raw = msg.as_bytes(policy=SMTP)
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
with smtplib.SMTP("127.0.0.1", args["port"], local_hostname="copier.lan", timeout=15) as smtp:
    smtp.starttls(context=context)
    smtp.ehlo("copier.lan")
    smtp.login(args["user"], args["password"])
    size_announced = smtp.esmtp_features.get("size")
    refused = smtp.send_message(msg)
    reply = smtp.noop()
print(json.dumps({"refused": refused, "bytes": len(raw), "attachment": len(data), "sizeAnnounced": size_announced,
                  "messageId": msg["Message-ID"], "lastBase64": raw.rstrip().split(b"\r\n")[-2].decode()}))
`;

  it("sends a message with an attachment just under the size limit over STARTTLS", async () => {
    const { tenant, mailbox, credential } = await setup();
    const out = await python(ATTACHMENT_SCRIPT, {
      port: relay.port("submission"),
      user: credential.username,
      password: credential.password,
      from: mailbox.address,
      to: "parent@example.org",
      limit: LIMIT,
      margin: 2048,
    });
    expect(out.refused).toEqual({});
    expect(out.sizeAnnounced).toBe(String(LIMIT));
    const bytes = out.bytes as number;
    expect(bytes).toBeLessThan(LIMIT);
    expect(bytes).toBeGreaterThan(LIMIT - 4096);

    const [row, ...others] = await relayedMail(tenant.id);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      source: "relay",
      relayCredentialId: credential.id,
      mailboxId: mailbox.id,
      subject: "Scan volumineux",
      to: ["parent@example.org"],
      messageId: out.messageId,
      status: "queued",
    });
    // The message as Python wrote it: only the Message-ID and Date it carried, nothing added.
    expect(row!.sizeBytes).toBe(bytes);
    const raw = Buffer.from(row!.raw!).toString("latin1");
    expect(raw).toContain('Content-Disposition: attachment; filename="scan.pdf"');
    expect(raw).toContain(`${out.lastBase64 as string}\r\n`);

    const { outcomes, received } = await deliver(mailbox);
    expect(outcomes).toEqual(["sent"]);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["parent@example.org"]);
    expect(Buffer.byteLength(received[0]!.raw, "utf8")).toBe(bytes);
    expect(received[0]!.raw).toContain(out.lastBase64 as string);
  });

  const UTF8_SCRIPT = String.raw`
import json, smtplib, ssl, sys
from email.message import EmailMessage
from email.policy import SMTPUTF8
from email.utils import make_msgid, formatdate

args = json.loads(sys.argv[1])
msg = EmailMessage(policy=SMTPUTF8)
msg["From"] = "Secrétariat <%s>" % args["from"]
msg["To"] = args["to"]
msg["Subject"] = "Absence de l'élève"
msg["Date"] = formatdate()
msg["Message-ID"] = make_msgid(domain="copier.lan")
msg.set_content("Élève absent — café à 10 h.\n", cte="8bit")
raw = msg.as_bytes()
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
with smtplib.SMTP_SSL("127.0.0.1", args["port"], local_hostname="copier.lan", context=context, timeout=15) as smtp:
    smtp.login(args["user"], args["password"])
    features = sorted(smtp.esmtp_features)
    refused = smtp.sendmail(args["from"], [args["to"]], raw, mail_options=["SMTPUTF8", "BODY=8BITMIME"])
print(json.dumps({"refused": refused, "features": features, "messageId": msg["Message-ID"]}))
`;

  it("sends with SMTPUTF8 over implicit TLS: a UTF-8 local part and an 8-bit body, byte for byte", async () => {
    const { tenant, mailbox, credential } = await setup();
    const out = await python(UTF8_SCRIPT, {
      port: relay.port("tls"),
      user: credential.username,
      password: credential.password,
      from: mailbox.address,
      to: "élève@exemple.fr",
    });
    expect(out.refused).toEqual({});
    expect(out.features).toEqual(expect.arrayContaining(["smtputf8", "8bitmime", "pipelining"]));

    const [row, ...others] = await relayedMail(tenant.id);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      source: "relay",
      relayCredentialId: credential.id,
      subject: "Absence de l'élève",
      fromName: "Secrétariat",
      to: ["élève@exemple.fr"],
      recipientCount: 1,
      messageId: out.messageId,
    });
    const raw = Buffer.from(row!.raw!);
    expect(raw.includes(Buffer.from("To: élève@exemple.fr\r\n", "utf8"))).toBe(true);
    expect(raw.includes(Buffer.from("Élève absent — café à 10 h.\r\n", "utf8"))).toBe(true);

    const { outcomes, received } = await deliver(mailbox);
    expect(outcomes).toEqual(["sent"]);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["élève@exemple.fr"]);
    expect(received[0]!.raw).toContain("Élève absent — café à 10 h.");
  });
});

describe("SMTP relay with curl", () => {
  const curl = (
    url: string,
    options: { user: string; from: string; rcpt: string[]; file: string; login: string },
  ) =>
    run("curl", [
      "--noproxy",
      "*",
      "--silent",
      "--show-error",
      "--verbose",
      "--max-time",
      "15",
      "--url",
      url,
      "--ssl-reqd",
      "-k",
      "--login-options",
      `AUTH=${options.login}`,
      "--mail-from",
      options.from,
      ...options.rcpt.flatMap((r) => ["--mail-rcpt", r]),
      "--user",
      options.user,
      "--upload-file",
      options.file,
    ]);

  it.each([
    { scheme: "smtp", kind: "submission", login: "PLAIN" },
    { scheme: "smtps", kind: "tls", login: "LOGIN" },
  ] as const)(
    "uploads a message over $scheme:// ($kind listener, AUTH $login)",
    async ({ scheme, kind, login }) => {
      const { tenant, mailbox, credential } = await setup();
      const file = path.join(scratch, `curl-${kind}.eml`);
      writeFileSync(
        file,
        `From: ${mailbox.address}\r\nTo: parent@example.org\r\nCc: cpe@example.org\r\nSubject: Bulletin ${scheme}\r\n` +
          `Message-ID: <curl-${kind}-${Date.now()}@copier.lan>\r\n\r\nLigne 1\r\n.ligne qui commence par un point\r\nFin\r\n`,
      );
      const result = await curl(`${scheme}://127.0.0.1:${relay.port(kind)}/copier.lan`, {
        user: `${credential.username}:${credential.password}`,
        from: mailbox.address,
        rcpt: ["parent@example.org", "cpe@example.org"],
        file,
        login,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain("250 2.0.0 Queued as");
      expect(result.stderr).toContain(`AUTH ${login}`);

      const [row, ...others] = await relayedMail(tenant.id);
      expect(others).toHaveLength(0);
      expect(row).toMatchObject({
        source: "relay",
        relayCredentialId: credential.id,
        subject: `Bulletin ${scheme}`,
        to: ["parent@example.org"],
        cc: ["cpe@example.org"],
        bcc: [],
        recipientCount: 2,
      });
      // curl stuffed the dot, the relay took it off again.
      expect(Buffer.from(row!.raw!).toString("utf8")).toContain(
        "\r\nLigne 1\r\n.ligne qui commence par un point\r\nFin\r\n",
      );
    },
  );
});

describe("SMTP relay with raw sessions", () => {
  const plainAuth = (username: string, password: string) =>
    Buffer.from(`\0${username}\0${password}`).toString("base64");

  it("answers a pipelined session in order after STARTTLS and queues the mail once", async () => {
    const { tenant, mailbox, credential } = await setup();
    const dialog = await SmtpDialog.connect(relay.port("submission"));
    const ehlo = await dialog.command("EHLO copier.lan");
    expect(ehlo.lines.join("\n")).toContain("PIPELINING");
    await dialog.startTls();
    dialog.write(
      [
        "EHLO copier.lan",
        `AUTH PLAIN ${plainAuth(credential.username, credential.password)}`,
        `MAIL FROM:<${mailbox.address}>`,
        "RCPT TO:<parent@example.org>",
        "RCPT TO:<cpe@example.org>",
        "DATA",
        "",
      ].join("\r\n"),
    );
    const replies = [];
    for (let i = 0; i < 6; i += 1) replies.push(await dialog.read());
    expect(replies.map((r) => r.code)).toEqual([250, 235, 250, 250, 250, 354]);
    expect(replies[0]!.lines.join("\n")).toContain("AUTH PLAIN LOGIN");
    // The message, its end and QUIT in one write too.
    dialog.write(
      `From: ${mailbox.address}\r\nTo: parent@example.org, cpe@example.org\r\nSubject: Pipelined\r\n\r\nTout d'un coup.\r\n.\r\nQUIT\r\n`,
    );
    const end = await dialog.read();
    expect(end.code).toBe(250);
    expect(end.text).toMatch(/^2\.0\.0 Queued as [0-9a-f-]{36}$/);
    expect((await dialog.read()).code).toBe(221);
    await expect.poll(() => dialog.closed).toBe(true);

    const rows = await relayedMail(tenant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      relayCredentialId: credential.id,
      subject: "Pipelined",
      to: ["parent@example.org", "cpe@example.org"],
    });
  });

  it("queues a message written with bare LF line ends with CRLF throughout (plain listener)", async () => {
    const { tenant, mailbox, credential } = await setup();
    const dialog = await SmtpDialog.connect(relay.port("plain"));
    // Commands ended by LF alone; the data terminator must still be CRLF.CRLF (anything else would be
    // SMTP smuggling), so the device's body lines are LF and only the end is CRLF.
    dialog.write(`EHLO copier.lan\n`);
    expect((await dialog.read()).code).toBe(250);
    dialog.write(`AUTH PLAIN ${plainAuth(credential.username, credential.password)}\n`);
    expect((await dialog.read()).code).toBe(235);
    dialog.write(`MAIL FROM:<${mailbox.address}>\nRCPT TO:<parent@example.org>\nDATA\n`);
    expect([(await dialog.read()).code, (await dialog.read()).code, (await dialog.read()).code]).toEqual([
      250, 250, 354,
    ]);
    dialog.write(
      Buffer.from(
        `From: ${mailbox.address}\nTo: parent@example.org\nSubject: LF only\n\nLigne 1\nLigne 2\n\nFin\r\n.\r\n`,
        "latin1",
      ),
    );
    expect((await dialog.read()).code).toBe(250);
    dialog.close();

    const [row] = await relayedMail(tenant.id);
    const raw = Buffer.from(row!.raw!).toString("latin1");
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(raw).toMatch(/^From: .+\r\nTo: parent@example\.org\r\nSubject: LF only\r\n/);
    expect(raw.endsWith("\r\n\r\nLigne 1\r\nLigne 2\r\n\r\nFin\r\n")).toBe(true);
    expect(row!.subject).toBe("LF only");

    const { received } = await deliver(mailbox);
    expect(received).toHaveLength(1);
    expect(received[0]!.raw).toContain("Ligne 1\r\nLigne 2\r\n\r\nFin\r\n");
    expect(received[0]!.raw).not.toMatch(/[^\r]\n/);
  });

  it("queues a message with no To: header and sends it to the envelope's recipients", async () => {
    const { tenant, mailbox, credential } = await setup();
    const dialog = await SmtpDialog.connect(relay.port("tls"), { tls: true });
    await dialog.command("EHLO copier.lan");
    expect((await dialog.login(credential.username, credential.password)).code).toBe(235);
    await dialog.command(`MAIL FROM:<${mailbox.address}>`);
    expect((await dialog.command("RCPT TO:<parent1@example.org>")).code).toBe(250);
    expect((await dialog.command("RCPT TO:<parent2@example.org>")).code).toBe(250);
    const reply = await dialog.data(
      `From: ${mailbox.address}\r\nSubject: Sans destinataire\r\n\r\nCirculaire.\r\n`,
    );
    expect(reply.code).toBe(250);
    dialog.close();

    const [row] = await relayedMail(tenant.id);
    expect(row).toMatchObject({
      subject: "Sans destinataire",
      to: [],
      cc: [],
      bcc: ["parent1@example.org", "parent2@example.org"],
      recipientCount: 2,
    });
    const raw = Buffer.from(row!.raw!).toString("latin1");
    expect(raw).not.toMatch(/^(To|Cc|Bcc):/im);

    const { outcomes, received } = await deliver(mailbox);
    expect(outcomes).toEqual(["sent"]);
    expect(received).toHaveLength(1);
    expect(received[0]!.to.sort()).toEqual(["parent1@example.org", "parent2@example.org"]);
    expect(received[0]!.raw).not.toMatch(/^(To|Cc|Bcc):/im);
    expect(received[0]!.raw).toContain("Circulaire.");
  });
});

/** A port free now on 127.0.0.1 (the kernel's choice). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

describe.runIf(realPostgresAvailable("the relay in a process of its own, killed with SIGKILL"))(
  "SMTP relay process killed in the middle of a session",
  () => {
    let child: ChildProcess | null = null;
    afterAll(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });

    it("keeps the message it answered 250 to, queues nothing of the one cut off, and the worker sends the first", async () => {
      const { tenant, mailbox, credential } = await setup();
      const [port, tlsPort] = [await freePort(), await freePort()];
      const dataDir = mkdtempSync(path.join(scratch, "relay-data-"));
      // node with tsx's loader, not the tsx command: SIGKILL must reach the relay itself.
      const relayProcess = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/relay.ts")], {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          RELAIS_DEMO: "true",
          RELAIS_DATA_DIR: dataDir,
          RELAIS_RELAY_HOST: "127.0.0.1",
          RELAIS_RELAY_PORT: String(port),
          RELAIS_RELAY_TLS_PORT: String(tlsPort),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = relayProcess;
      let output = "";
      relayProcess.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      relayProcess.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        relayProcess.once("exit", (_code, signal) => resolve(signal)),
      );
      const deadline = Date.now() + 20_000;
      while (!output.includes("Relay started")) {
        if (relayProcess.exitCode !== null) throw new Error(`the relay exited: ${output}`);
        if (Date.now() > deadline) throw new Error(`the relay did not start in time: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toContain(`listening on 127.0.0.1:${tlsPort}, implicit TLS`);

      const dialog = await SmtpDialog.connect(tlsPort, { tls: true });
      await dialog.command("EHLO copier.lan");
      expect((await dialog.login(credential.username, credential.password)).code).toBe(235);
      await dialog.command(`MAIL FROM:<${mailbox.address}>`);
      await dialog.command("RCPT TO:<parent@example.org>");
      const first = await dialog.data(
        `From: ${mailbox.address}\r\nTo: parent@example.org\r\nSubject: Message 1\r\n\r\nPremier message, complet.\r\n`,
      );
      expect(first.code).toBe(250);
      const firstId = QUEUED.exec(`250 ${first.text}`)![1];

      expect((await dialog.command(`MAIL FROM:<${mailbox.address}>`)).code).toBe(250);
      expect((await dialog.command("RCPT TO:<parent@example.org>")).code).toBe(250);
      expect((await dialog.command("DATA")).code).toBe(354);
      dialog.write(
        `From: ${mailbox.address}\r\nTo: parent@example.org\r\nSubject: Message 2\r\n\r\nDeuxième message, coupé au mil`,
      );
      // Let the relay read what was written, then kill it without warning.
      await new Promise((resolve) => setTimeout(resolve, 200));
      relayProcess.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      await expect.poll(() => dialog.closed).toBe(true);

      const rows = await relayedMail(tenant.id);
      expect(rows.map((r) => [r.id, r.subject, r.status])).toEqual([[firstId, "Message 1", "queued"]]);
      expect(Buffer.from(rows[0]!.raw!).toString("utf8")).toContain("Premier message, complet.\r\n");

      const { outcomes, received } = await deliver(mailbox);
      expect(outcomes).toEqual(["sent"]);
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(["parent@example.org"]);
      expect(received[0]!.raw).toContain("Subject: Message 1");
      expect(received[0]!.raw).toContain("Premier message, complet.");
      expect(fakes.control.messages().some((m) => m.raw.includes("Message 2"))).toBe(false);
    }, 40_000);
  },
);
