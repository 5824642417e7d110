import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { shellAreas } from "@/lib/i18n/message-areas";
import { appFiles, areasOf, catalogAreas, relativeToRoot } from "../support/message-area-scan";

/** The areas a page names in its `withMessages([...], Page)`. */
function declaredAreas(file: string): string[] {
  const match = /withMessages\(\s*\[([^\]]*)\]/.exec(fs.readFileSync(file, "utf8"));
  return match ? [...match[1]!.matchAll(/["'](\w+)["']/g)].map((m) => m[1]!) : [];
}

const shell = new Set<string>(shellAreas);

describe("the message areas sent to the browser", () => {
  it("are read from the real catalog areas", () => {
    expect(catalogAreas).toContain("mailboxes");
    expect(shellAreas.every((area) => catalogAreas.includes(area))).toBe(true);
  });

  it("cover every area a page's client components name, and only areas the page uses", () => {
    const problems: string[] = [];
    for (const page of appFiles(/^page\.tsx$/)) {
      const declared = declaredAreas(page);
      const { client, all } = areasOf(page);
      const missing = [...client].filter((area) => !shell.has(area) && !declared.includes(area));
      const unused = declared.filter((area) => !all.has(area) || shell.has(area));
      if (missing.length) problems.push(`${relativeToRoot(page)} lacks ${missing.join(", ")}`);
      if (unused.length) problems.push(`${relativeToRoot(page)} sends unused ${unused.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("for layouts and the pages outside any route, stay within the shell's areas", () => {
    const layouts = appFiles(/^(layout|not-found|error|global-error)\.tsx$/);
    const beyondShell = layouts.flatMap((file) =>
      [...areasOf(file).client]
        .filter((area) => !shell.has(area))
        .map((area) => `${relativeToRoot(file)} uses ${area}`),
    );
    expect(beyondShell).toEqual([]);
  });
});
