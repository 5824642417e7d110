import { inject } from "vitest";
import type { GoogleFakeEndpoints, MicrosoftDirectoryEndpoints } from "@/dev/fake-providers";

/** The fake providers started by the e2e global setup (plain data: functions do not travel). */
export interface E2eFakes {
  google: GoogleFakeEndpoints;
  microsoft: MicrosoftDirectoryEndpoints & { verificationUri: string; controlUrl: string; issuer: string };
  smtp: { host: string; port: number };
}

export function e2eFakes(): E2eFakes {
  const fakes = inject("e2eFakes");
  if (!fakes) throw new Error("Browser tests do not run with RELAIS_TEST_DB=pglite (see docs/testing.md)");
  return JSON.parse(fakes) as E2eFakes;
}

/** Calls the fakes' control API over HTTP (docs/fake-providers.md): the fakes live in the setup's process. */
export async function fakeControl(method: string, ...args: unknown[]): Promise<unknown> {
  const response = await fetch(e2eFakes().google.controlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method, args }),
  });
  const body = (await response.json()) as { result?: unknown; error?: string };
  if (!response.ok) throw new Error(`fake control ${method} failed: ${body.error}`);
  return body.result;
}
