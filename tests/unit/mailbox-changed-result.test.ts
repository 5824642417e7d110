import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/translate";
import { resultMessage, resultTone } from "@/lib/oauth-flow/result-message";
import { retryPathFor } from "@/lib/oauth-flow/retry-path";

const row = { userId: "u1", mailboxId: "m1", returnTo: "/t/ecole/my-mailboxes", tenantSlug: "ecole" };

describe("a grant refused because its mailbox changed while authorizing", () => {
  it("says what changed, in English and French, and offers to try again", () => {
    const result = {
      outcome: "mailbox_changed" as const,
      reasonKey: "connect.result.delegateChanged",
      mailbox: "secretariat@ecole.test",
    };
    expect(resultMessage(createTranslator("en"), result)).toEqual({
      title: "The mailbox changed while you were authorizing",
      body: "The account that connects this shared mailbox was changed while you were authorizing. Start again. Nothing was stored.",
    });
    expect(resultMessage(createTranslator("fr"), result).title).toBe(
      "La boîte aux lettres a changé pendant votre autorisation",
    );
    expect(resultTone("mailbox_changed")).toBe("error");
    expect(retryPathFor("mailbox_changed", row)).toBe(
      "/api/oauth/authorize?tenant=ecole&mailbox=m1&returnTo=%2Ft%2Fecole%2Fmy-mailboxes",
    );
    // A connect link's holder opens the link again; an unusable application is not retried.
    expect(retryPathFor("mailbox_changed", { ...row, userId: null })).toBeNull();
    expect(retryPathFor("config_unusable", row)).toBeNull();
  });
});
