import { describe, expect, it } from "vitest";
import { splitLinks } from "@/lib/mail/split-links";

describe("splitLinks", () => {
  it("finds http and https links and leaves the rest as text", () => {
    expect(splitLinks("Open https://relais.test/signin/link?token=abc_1 to sign in.")).toEqual([
      { kind: "text", value: "Open " },
      { kind: "link", value: "https://relais.test/signin/link?token=abc_1" },
      { kind: "text", value: " to sign in." },
    ]);
  });

  it("does not take the sentence's punctuation into the link", () => {
    expect(splitLinks("See http://127.0.0.1:3000/invitations/x.")).toEqual([
      { kind: "text", value: "See " },
      { kind: "link", value: "http://127.0.0.1:3000/invitations/x" },
      { kind: "text", value: "." },
    ]);
  });

  it("makes no link of other schemes", () => {
    expect(splitLinks("javascript:alert(1) and mailto:a@b.test")).toEqual([
      { kind: "text", value: "javascript:alert(1) and mailto:a@b.test" },
    ]);
  });
});
