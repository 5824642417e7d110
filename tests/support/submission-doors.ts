import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { fastPathRoute, serveFastPath } from "@/lib/api/api-fast-path";

/** A front door of the submission API: a web Request in, the answer out. */
export type SubmissionDoor = (request: Request) => Promise<Response>;

/**
 * The submission's fast path (lib/api/api-fast-path.ts) behind a loopback
 * server of this process: a web Request is sent to it over HTTP as it came,
 * and its answer read back. Anything the fast path would not take answers 404,
 * where the portal's server would hand it to Next.js.
 */
export function useFastPathDoor(): SubmissionDoor & { origin: () => string } {
  let server: http.Server | undefined;
  let origin = "";
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const route = fastPathRoute(request);
      if (route) void serveFastPath(request, response, route);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  const door: SubmissionDoor = async (request) => {
    const url = new URL(request.url);
    return fetch(`${origin}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.body ? await request.arrayBuffer() : undefined,
    });
  };
  return Object.assign(door, { origin: () => origin });
}
