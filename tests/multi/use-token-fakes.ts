import { afterAll, beforeAll } from "vitest";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { startTokenFakes } from "./token-fixtures";

/**
 * Runs the fake providers for one test file: started before its tests,
 * closed after them. The handle is filled in when they start, like
 * useTestDatabase's. Kept apart from token-fixtures.ts, which child
 * processes load outside vitest.
 */
export function useTokenFakes(options: Parameters<typeof startTokenFakes>[0] = {}): FakeProvidersHandle {
  const handle = {} as FakeProvidersHandle;
  beforeAll(async () => {
    Object.assign(handle, await startTokenFakes(options));
  });
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}
