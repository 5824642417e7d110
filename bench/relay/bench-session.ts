import net from "node:net";
import tls from "node:tls";

// A small SMTP client for the relay benchmark: one long session that sends many
// messages, pipelined (RFC 2920) so that each message costs one write and one
// round trip: the message's end goes with the next MAIL, RCPT and DATA. Only
// 127.0.0.1.

export type SessionOptions = {
  port: number;
  tls: boolean;
  username: string;
  password: string;
  /** A session that hears nothing for this long fails. */
  timeoutMs?: number;
};

type Reply = { code: number; text: string };

const END = Buffer.from(".\r\n");

export class BenchSession {
  private buffer = "";
  private lines: string[] = [];
  private ready: Reply[] = [];
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("the server closed the session")));
    socket.on("timeout", () => {
      fail(new Error("no reply in time"));
      socket.destroy();
    });
  }

  /** Connects, reads the greeting, says EHLO and logs in with AUTH PLAIN. */
  static async open(options: SessionOptions): Promise<BenchSession> {
    const socket = options.tls
      ? tls.connect({ host: "127.0.0.1", port: options.port, rejectUnauthorized: false })
      : net.connect({ host: "127.0.0.1", port: options.port });
    socket.setTimeout(options.timeoutMs ?? 30_000);
    const session = new BenchSession(socket);
    await session.expect([220]);
    socket.write("EHLO bench.lan\r\n");
    await session.expect([250]);
    socket.write(
      `AUTH PLAIN ${Buffer.from(`\0${options.username}\0${options.password}`).toString("base64")}\r\n`,
    );
    await session.expect([235]);
    return session;
  }

  /** The TLS version and cipher, for the printout. */
  get protocol(): string {
    if (!(this.socket instanceof tls.TLSSocket)) return "no TLS";
    return `${this.socket.getProtocol()} ${this.socket.getCipher().name}`;
  }

  private onData(chunk: Buffer) {
    this.buffer += chunk.toString("latin1");
    let end: number;
    while ((end = this.buffer.indexOf("\r\n")) !== -1) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      // A multi-line reply ends with "NNN " (or a bare "NNN").
      if (line.length > 3 && line[3] === "-") {
        this.lines.push(line);
        continue;
      }
      const reply = { code: Number(line.slice(0, 3)), text: [...this.lines, line].join(" | ") };
      this.lines = [];
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(reply);
      else this.ready.push(reply);
    }
  }

  private read(): Promise<Reply> {
    const ready = this.ready.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async expect(codes: number[]): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (const code of codes) {
      const reply = await this.read();
      if (reply.code !== code) throw new Error(`expected ${code}, got ${reply.text}`);
      replies.push(reply);
    }
    return replies;
  }

  /**
   * Sends `count` messages in this session: `message(i)` is the message, CRLF
   * line ends, ending with CRLF, no line starting with a dot.
   */
  async send(
    count: number,
    envelope: { from: string; to: string },
    message: (i: number) => Buffer,
  ): Promise<void> {
    if (count <= 0) return;
    const start = Buffer.from(`MAIL FROM:<${envelope.from}>\r\nRCPT TO:<${envelope.to}>\r\nDATA\r\n`);
    this.socket.write(start);
    await this.expect([250, 250, 354]);
    for (let i = 0; i < count; i += 1) {
      const last = i === count - 1;
      this.socket.write(Buffer.concat(last ? [message(i), END] : [message(i), END, start]));
      await this.expect(last ? [250] : [250, 250, 250, 354]);
    }
  }

  async quit(): Promise<void> {
    if (this.failure) return;
    this.socket.write("QUIT\r\n");
    await this.expect([221]).catch(() => {});
    this.socket.destroy();
  }

  destroy() {
    this.socket.destroy();
  }
}
