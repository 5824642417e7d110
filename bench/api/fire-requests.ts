import http from "node:http";

// The load: `count` POST requests over `concurrency` keep-alive connections, each connection
// sending its next request as soon as the last answer has been read in full.

export type FireResult = {
  /** From the first request sent to the last answer read. */
  ms: number;
  /** Each request's time from sending to the end of its answer, in ms, sorted. */
  latencies: number[];
  /** Answers by HTTP status; "error" for a request that got no answer. */
  statuses: Map<number | "error", number>;
  /** The first few answers other than 2xx, to say why. */
  samples: string[];
  /** Messages accepted: the 2xx answers, or what `accepted` read in them. */
  accepted: number;
};

export async function fireRequests(options: {
  url: string;
  headers: Record<string, string>;
  count: number;
  concurrency: number;
  /** The body of the i-th request. */
  body: (i: number) => string;
  /** How many messages a 2xx answer's body accepted (a batch); 1 per answer without it. */
  accepted?: (body: string) => number;
}): Promise<FireResult> {
  const { count, concurrency } = options;
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses = new Map<number | "error", number>();
  const samples: string[] = [];
  let accepted = 0;
  const note = (status: number | "error") => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let next = 0;

  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const body = Buffer.from(options.body(i));
      const sent = performance.now();
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { ...options.headers, "content-length": String(body.length) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            latencies.push(performance.now() - sent);
            const status = response.statusCode ?? 0;
            note(status);
            const ok = status >= 200 && status <= 299;
            if (ok) accepted += options.accepted ? options.accepted(Buffer.concat(chunks).toString()) : 1;
            else if (samples.length < 3)
              samples.push(`${status}: ${Buffer.concat(chunks).toString().slice(0, 300)}`);
            resolve();
          });
          response.on("error", () => {
            note("error");
            resolve();
          });
        },
      );
      request.on("error", (error) => {
        note("error");
        if (samples.length < 3) samples.push(`error: ${error.message}`);
        resolve();
      });
      request.end(body);
    });

  const lane = async () => {
    while (next < count) await one(next++);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const ms = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { ms, latencies, statuses, samples, accepted };
}

/** The p-th percentile (0–100) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
