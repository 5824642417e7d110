import { afterEach, describe, expect, it, vi } from "vitest";
import { devToolsEnabled } from "@/lib/config/dev-tools";
import { listCapturedMail } from "@/lib/mail/list-captured-mail";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { useTestDatabase } from "../support/test-db";

vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
const { default: CapturedMailPage } = await import("@/app/dev/mail/page");

useTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("listCapturedMail", () => {
  it("gives the mail kept instead of sent, newest first, optionally for one recipient", async () => {
    vi.stubEnv("RELAIS_SMTP_URL", "");
    const stamp = Date.now().toString(36);
    await sendPlatformMail({ to: `ada-${stamp}@school.test`, subject: "First", text: "one" });
    await sendPlatformMail({ to: `bob-${stamp}@school.test`, subject: "Second", text: "two" });
    await sendPlatformMail({
      to: `ada-${stamp}@school.test`,
      subject: "Third",
      text: "three https://x.test/a",
    });

    const all = await listCapturedMail();
    expect(all.slice(0, 3).map((mail) => mail.subject)).toEqual(["Third", "Second", "First"]);
    const forAda = await listCapturedMail({ to: `ADA-${stamp}` });
    expect(forAda.map((mail) => [mail.subject, mail.text])).toEqual([
      ["Third", "three https://x.test/a"],
      ["First", "one"],
    ]);
    expect(await listCapturedMail({ limit: 1 })).toHaveLength(1);
  });
});

describe("the captured-mail page", () => {
  it("exists only with dev tools on", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("RELAIS_DEV_TOOLS", "");
    expect(devToolsEnabled()).toBe(false);
    await expect(CapturedMailPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
    });

    vi.stubEnv("RELAIS_DEV_TOOLS", "true");
    expect(devToolsEnabled()).toBe(true);
    await expect(CapturedMailPage({ searchParams: Promise.resolve({}) })).resolves.toBeTruthy();

    vi.stubEnv("RELAIS_DEV_TOOLS", "");
    vi.stubEnv("NODE_ENV", "development");
    expect(devToolsEnabled()).toBe(true);
  });
});
