import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedConnectedMailbox, seedFakeConfiguration } from "./outbox-fixtures";

let n = 0;

/**
 * A school with two connected Google mailboxes and an API key allowed to send
 * from the first one only (`allowed`; `other` is not on the key).
 */
export async function seedApiKeyWithMailbox(fakes: FakeProvidersHandle, keyName = "Timetable") {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
  const slug = people.tenant.slug;
  const allowed = await seedConnectedMailbox(fakes, config, `api${++n}-${slug}@lycee.test`);
  const other = await seedConnectedMailbox(fakes, config, `other${n}-${slug}@lycee.test`);
  const ctx = await contextFor(people.admin, people.tenant, "apiKeys.write");
  const key = await createApiKey(ctx, { name: keyName, mailboxIds: [allowed.id] });
  return { ...people, ctx, key, allowed, other };
}
