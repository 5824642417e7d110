import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startupProblems } from "@/lib/config/startup-checks";

const key = randomBytes(32).toString("base64");
const production = { NODE_ENV: "production", NEXTAUTH_SECRET: "s", RELAIS_ENCRYPTION_KEY: key };

describe("startupProblems", () => {
  it("accepts a complete production configuration", () => {
    expect(startupProblems(production)).toEqual([]);
  });

  it("names each missing or unsafe production setting", () => {
    const problems = startupProblems({ NODE_ENV: "production", RELAIS_ALLOW_LOCAL_PROVIDERS: "true" });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("NEXTAUTH_SECRET");
    expect(problems[1]).toContain("RELAIS_ENCRYPTION_KEY");
    expect(problems[2]).toContain("RELAIS_ALLOW_LOCAL_PROVIDERS");
  });

  it("lets the local demo use local providers", () => {
    expect(
      startupProblems({ ...production, RELAIS_ALLOW_LOCAL_PROVIDERS: "true", RELAIS_DEMO: "true" }),
    ).toEqual([]);
  });

  it("checks a key given in development, and never prints it", () => {
    const problems = startupProblems({ NODE_ENV: "development", RELAIS_ENCRYPTION_KEY: "c2hvcnQ=" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain("c2hvcnQ=");
    expect(startupProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("refuses a RELAIS_TIME_ZONE the server does not know, and accepts a real one", () => {
    const problems = startupProblems({ NODE_ENV: "development", RELAIS_TIME_ZONE: "Mars/Olympus" });
    expect(problems).toEqual([expect.stringContaining("RELAIS_TIME_ZONE")]);
    expect(startupProblems({ NODE_ENV: "development", RELAIS_TIME_ZONE: "America/Montreal" })).toEqual([]);
  });
});
