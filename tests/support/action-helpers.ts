import { expect } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";

/** A form as a browser posts it to a server action; arrays become repeated fields. */
export function form(fields: Record<string, string | File | (string | File)[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

/** Asserts that a domain call failed with an expected error of this code. */
export async function expectDomainError(promise: Promise<unknown>, code: DomainError["code"]): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}
