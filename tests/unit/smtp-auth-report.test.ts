import { describe, expect, it } from "vitest";
import { parseSmtpAuthReport } from "@/lib/migration/parse-smtp-auth-report";

const header = "Sender address,Messages sent,TLS 1.0,TLS 1.1,TLS 1.2";

describe("the SMTP AUTH clients report's numbers", () => {
  it("reads grouped thousands and refuses a decimal count", () => {
    const ok = parseSmtpAuthReport(
      `${header}\na@lycee.test,"1,234",0,0,100\nb@lycee.test,1.234,0,0,100\nc@lycee.test,1 234,0,0,100\n`,
    );
    expect(ok.ok && ok.lines.map((l) => l.messages)).toEqual([1234, 1234, 1234]);
    const bad = parseSmtpAuthReport(`${header}\na@lycee.test,12.5,0,0,100\n`);
    expect(bad).toEqual({
      ok: false,
      problems: [{ line: 2, key: "migration.errors.badCount", vars: { value: "12.5" } }],
    });
  });

  it("finds the columns by name whatever their case, spacing or order, and says which are missing", () => {
    const ok = parseSmtpAuthReport(
      "\uFEFFtls1.2 %; MESSAGES SENT ;TLS1.1 %;tls1.0 %;sender ADDRESS\n100;3;0;0;A@Lycee.test\n",
    );
    expect(ok).toEqual({
      ok: true,
      lines: [
        {
          address: "a@lycee.test",
          domain: "lycee.test",
          messages: 3,
          tls10Percent: 0,
          tls11Percent: 0,
          tls12Percent: 100,
          auth: "unknown",
        },
      ],
    });
    expect(parseSmtpAuthReport("Sender address,Messages sent\na@lycee.test,3\n")).toMatchObject({
      ok: false,
      problems: [
        { line: 1, key: "migration.errors.missingColumns", vars: { columns: "tls10, tls11, tls12" } },
      ],
    });
  });
});
