import nodemailer from "nodemailer";

// The ceiling of bench/outbox/run.ts, in a process of its own as the workers are:
// the same messages through bare pooled nodemailer transports (one per mailbox,
// two connections each), no database. Reads its job as JSON from the BARE_POOL_JOB
// variable and prints one JSON line: the time and this process's CPU.

type Job = {
  host: string;
  port: number;
  mails: number;
  to: string[];
  text: string;
  mailboxes: { address: string; accessToken: string }[];
};

async function main() {
  const job = JSON.parse(process.env.BARE_POOL_JOB ?? "null") as Job | null;
  if (!job) throw new Error("BARE_POOL_JOB is not set");
  const transports = job.mailboxes.map((m) =>
    nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: job.host,
      port: job.port,
      secure: false,
      ignoreTLS: true,
      auth: { type: "OAuth2", user: m.address, accessToken: m.accessToken },
    }),
  );
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.mails }, (_, i) =>
      transports[i % transports.length]!.sendMail({
        from: job.mailboxes[i % transports.length]!.address,
        to: job.to,
        subject: `Bare ${i}`,
        text: job.text,
        messageId: `<bare-${i}@lycee.test>`,
      }),
    ),
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  for (const transport of transports) transport.close();
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
