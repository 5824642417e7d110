import { describe, expect, it } from "vitest";
import { auditEntryCsvLine, csvCell, csvLine } from "@/lib/audit/audit-csv";

describe("csvCell", () => {
  it("leaves plain text as it is", () => {
    expect(csvCell("admin@school.test")).toBe("admin@school.test");
    expect(csvCell(null)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes (RFC 4180)", () => {
    expect(csvCell("Hugo, Victor")).toBe('"Hugo, Victor"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it.each(["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tindent", "\rcarriage"])(
    "makes %j inert for spreadsheets with a leading apostrophe",
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1) : cell;
      expect(unquoted.startsWith("'")).toBe(true);
      expect(unquoted.slice(1)).toBe(value);
    },
  );

  it("neutralises a formula and still quotes it when needed", () => {
    expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
  });
});

describe("audit CSV lines", () => {
  it("end records with CRLF and keep details as JSON", () => {
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
    const line = auditEntryCsvLine({
      createdAt: new Date("2026-03-04T05:06:07.000Z"),
      actorLabel: "=cmd|' /C calc'!A0",
      action: "member.role_changed",
      targetType: "user",
      targetId: null,
      targetLabel: "Dupont, Marie",
      ip: null,
      details: { from: "member", to: "admin" },
    });
    expect(line).toBe(
      "2026-03-04T05:06:07.000Z,'=cmd|' /C calc'!A0,member.role_changed,user,," +
        '"Dupont, Marie",,"{""from"":""member"",""to"":""admin""}"\r\n',
    );
  });
});
