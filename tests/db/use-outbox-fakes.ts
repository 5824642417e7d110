import { afterAll, beforeAll } from "vitest";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { startOutboxFakes } from "./outbox-fixtures";

/**
 * Runs the outbox's fake providers for one test file: started before its
 * tests, closed after them; the handle is filled in when they start. Kept
 * apart from outbox-fixtures.ts, which the outbox benchmark loads outside vitest.
 */
export function useOutboxFakes(): FakeProvidersHandle {
  const handle = {} as FakeProvidersHandle;
  beforeAll(async () => {
    Object.assign(handle, await startOutboxFakes());
  });
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}
