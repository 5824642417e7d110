import net from "node:net";
import tls from "node:tls";

export type SmtpReply = { code: number; lines: string[]; text: string };

/**
 * A bare SMTP client for tests that look at the protocol itself: every reply
 * as the server wrote it, STARTTLS, raw bytes. Talks only to loopback.
 */
export class SmtpDialog {
  private buffer = "";
  private waiting: ((reply: SmtpReply) => void)[] = [];
  private replies: SmtpReply[] = [];
  closed = false;

  private constructor(private socket: net.Socket | tls.TLSSocket) {
    this.attach(socket);
  }

  private attach(socket: net.Socket | tls.TLSSocket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk.toString("latin1")));
    socket.on("close", () => {
      this.closed = true;
    });
    socket.on("error", () => {
      this.closed = true;
    });
  }

  private onData(text: string) {
    this.buffer += text;
    let lines: string[] = [];
    for (;;) {
      const end = this.buffer.indexOf("\r\n");
      if (end === -1) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      lines.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const reply = {
          code: Number(line.slice(0, 3)),
          lines,
          text: lines.map((l) => l.slice(4)).join("\n"),
        };
        lines = [];
        const next = this.waiting.shift();
        if (next) next(reply);
        else this.replies.push(reply);
      }
    }
    if (lines.length > 0) this.buffer = `${lines.join("\r\n")}\r\n${this.buffer}`;
  }

  /**
   * `tls`: implicit TLS from the first byte, with these client options when an object (old versions).
   * `before`: bytes written on the bare connection first (a load balancer's PROXY header).
   */
  static async connect(
    port: number,
    options: { tls?: boolean | tls.ConnectionOptions; before?: string } = {},
  ): Promise<SmtpDialog> {
    const tlsOptions = typeof options.tls === "object" ? options.tls : {};
    const bare = net.connect({ host: "127.0.0.1", port });
    await new Promise<void>((resolve, reject) => {
      bare.once("connect", () => resolve());
      bare.once("error", reject);
    });
    if (options.before) bare.write(options.before);
    const socket = options.tls
      ? tls.connect({ socket: bare, rejectUnauthorized: false, ...tlsOptions })
      : bare;
    if (options.tls) {
      await new Promise<void>((resolve, reject) => {
        socket.once("secureConnect", () => resolve());
        socket.once("error", reject);
      });
    }
    const dialog = new SmtpDialog(socket);
    const greeting = await dialog.read();
    if (greeting.code !== 220) throw new Error(`greeting ${greeting.lines.join(" | ")}`);
    return dialog;
  }

  read(timeoutMs = 5000): Promise<SmtpReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no SMTP reply in time")), timeoutMs);
      this.waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  write(data: string | Buffer) {
    this.socket.write(data);
  }

  async command(line: string): Promise<SmtpReply> {
    this.write(`${line}\r\n`);
    return this.read();
  }

  async startTls(): Promise<void> {
    const reply = await this.command("STARTTLS");
    if (reply.code !== 220) throw new Error(`STARTTLS: ${reply.lines.join(" | ")}`);
    const plain = this.socket;
    plain.removeAllListeners("data");
    const secure = tls.connect({ socket: plain, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", () => resolve());
      secure.once("error", reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  get tlsSocket(): tls.TLSSocket | null {
    return this.socket instanceof tls.TLSSocket ? this.socket : null;
  }

  /** AUTH PLAIN with a user name and password. */
  login(username: string, password: string): Promise<SmtpReply> {
    return this.command(`AUTH PLAIN ${Buffer.from(`\0${username}\0${password}`).toString("base64")}`);
  }

  /** DATA with a message (dot-stuffed here), and the reply to its end. */
  async data(message: string | Buffer): Promise<SmtpReply> {
    const start = await this.command("DATA");
    if (start.code !== 354) return start;
    const text = Buffer.isBuffer(message) ? message.toString("latin1") : message;
    const stuffed = text.replace(/(^|\r?\n)\./g, "$1..");
    this.write(Buffer.from(`${stuffed}${stuffed.endsWith("\r\n") ? "" : "\r\n"}.\r\n`, "latin1"));
    return this.read();
  }

  close() {
    this.socket.destroy();
  }
}
