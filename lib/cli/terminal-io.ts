import type { CliIo } from "./command";

// Typed at a terminal, the password is not echoed; piped in, it is read to the end.
function readHiddenLine(stdin: NodeJS.ReadStream, prompt: (text: string) => void): Promise<string> {
  prompt("Password (not shown): ");
  return new Promise((resolve, reject) => {
    let value = "";
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.resume();
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          finish();
          reject(new Error("cancelled."));
          return;
        }
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      prompt("\n");
    };
    stdin.on("data", onData);
  });
}

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

export const terminalIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: () =>
    process.stdin.isTTY
      ? readHiddenLine(process.stdin, (text) => process.stderr.write(text))
      : readAll(process.stdin),
};
