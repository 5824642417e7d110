import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { CliIo } from "@/lib/cli/command";
import { runCli } from "@/lib/cli/run-cli";
import { getDb } from "@/lib/db/client";
import { seedTenant, seedTenantWithPeople, seedUser } from "../support/factories";
import { seedClientConfiguration } from "../support/seed-mailboxes";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

const root = path.resolve(import.meta.dirname, "../..");
const password = "correct horse battery";
let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++counter}`;

/** Runs one command line in this process, as scripts/relais.ts would, and records what it printed. */
async function cli(argv: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => stdin,
  };
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function tenantBySlug(slug: string) {
  const db = await getDb();
  return db.tenant.findUnique({ where: { slug } });
}

async function userByEmail(email: string) {
  const db = await getDb();
  return db.user.findUnique({ where: { email }, include: { memberships: { include: { tenant: true } } } });
}

describe("tenant:create", () => {
  it("creates the tenant and its audit entry by the command line", async () => {
    const slug = unique("lycee");
    const result = await cli(["tenant:create", "--slug", slug, "--name", "Lycée Victor Hugo"]);
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toContain(`Created tenant ${slug}`);
    const tenant = await tenantBySlug(slug);
    expect(tenant?.name).toBe("Lycée Victor Hugo");
    const db = await getDb();
    const entries = await db.auditEntry.findMany({ where: { tenantId: tenant!.id } });
    expect(entries).toMatchObject([
      { action: "tenant.created", actorId: null, actorLabel: "cli", targetId: tenant!.id, details: { slug } },
    ]);
  });

  it("refuses a taken slug with a clear message and exit code 1", async () => {
    const existing = await seedTenant();
    const result = await cli(["tenant:create", "--slug", existing.slug, "--name", "Another"]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`Error: The short name ${existing.slug} is already taken.`);
    const db = await getDb();
    expect(await db.tenant.count({ where: { slug: existing.slug } })).toBe(1);
  });

  it.each([
    [["tenant:create", "--name", "No slug"], "--slug: Use 2 to 48 lower-case letters"],
    [["tenant:create", "--slug", "a", "--name", "Too short"], "--slug: Use 2 to 48"],
    [["tenant:create", "--slug", "new", "--name", "Reserved"], "--slug: This short name is reserved"],
    [["tenant:create", "--slug", "ok-slug", "--name", "  "], "--name: Enter the school's name."],
    [["tenant:create", "--slug", "ok-slug", "--bogus"], "Unknown option '--bogus'"],
    [["tenant:create", "--slug"], "argument missing"],
    [["tenant:create", "stray"], "Unexpected argument 'stray'."],
  ])("%j is a usage error (exit 2) that says what is wrong", async (argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.err.split("\n");
    expect(first).toMatch(/^Error: /);
    expect(first).toContain(message);
    expect(rest.join("\n")).toContain("Usage: npm run relais -- tenant:create --slug <slug> --name <name>");
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});

describe("user:create", () => {
  it("creates a person with a password and a role in a tenant", async () => {
    const tenant = await seedTenant();
    const email = `${unique("admin")}@school.test`;
    const result = await cli(
      [
        "user:create",
        "--email",
        email.toUpperCase(),
        "--name",
        "Ada",
        "--password-stdin",
        "--tenant",
        tenant.slug,
        "--role",
        "admin",
      ],
      `${password}\n`,
    );
    expect(result.code).toBe(0);
    expect(result.out.split("\n")).toEqual([
      `Created user ${email}.`,
      "Password set.",
      `Added to tenant ${tenant.slug} as admin.`,
    ]);
    const user = await userByEmail(email);
    expect(user).toMatchObject({ name: "Ada", isOperator: false });
    expect(await verifyPassword(password, user!.passwordHash!)).toBe(true);
    expect(user!.memberships.map((m) => [m.tenant.slug, m.role])).toEqual([[tenant.slug, "admin"]]);
    const db = await getDb();
    const entry = await db.auditEntry.findFirst({ where: { tenantId: tenant.id, action: "member.added" } });
    expect(entry).toMatchObject({ actorLabel: "cli", targetId: user!.id, details: { role: "admin" } });
  });

  it("adds a membership to an existing person instead of failing, and says so", async () => {
    const tenant = await seedTenant();
    const other = await seedTenant();
    const existing = await seedUser({ password });
    const db = await getDb();
    await db.membership.create({ data: { tenantId: other.id, userId: existing.id, role: "admin" } });

    const result = await cli([
      "user:create",
      "--email",
      existing.email,
      "--tenant",
      tenant.slug,
      "--role",
      "member",
    ]);
    expect(result.code).toBe(0);
    expect(result.out.split("\n")).toEqual([
      `User ${existing.email} already exists.`,
      `Added to tenant ${tenant.slug} as member.`,
    ]);
    const user = await userByEmail(existing.email);
    expect(user!.passwordHash).toBe(existing.passwordHash);
    expect(user!.memberships.map((m) => [m.tenant.slug, m.role]).sort()).toEqual(
      [
        [other.slug, "admin"],
        [tenant.slug, "member"],
      ].sort(),
    );

    const again = await cli([
      "user:create",
      "--email",
      existing.email,
      "--tenant",
      tenant.slug,
      "--role",
      "admin",
    ]);
    expect(again.out).toContain(`Role in tenant ${tenant.slug} changed from member to admin.`);
    const same = await cli([
      "user:create",
      "--email",
      existing.email,
      "--tenant",
      tenant.slug,
      "--role",
      "admin",
    ]);
    expect(same.out).toContain(`Already admin of tenant ${tenant.slug}: unchanged.`);
    expect(await db.membership.count({ where: { userId: existing.id } })).toBe(2);
  });

  it("grants operator rights with --operator", async () => {
    const existing = await seedUser();
    const result = await cli(["user:create", "--email", existing.email, "--operator"]);
    expect(result.out).toContain("Granted platform operator rights.");
    expect((await userByEmail(existing.email))!.isOperator).toBe(true);
  });

  it("fails with exit code 1 for an unknown tenant, and creates nothing", async () => {
    const email = `${unique("lost")}@school.test`;
    const result = await cli([
      "user:create",
      "--email",
      email,
      "--tenant",
      "no-such-school",
      "--role",
      "member",
    ]);
    expect(result).toMatchObject({
      code: 1,
      err: "Error: There is no school with the short name no-such-school.",
    });
    expect(await userByEmail(email)).toBeNull();
  });

  it.each([
    [["user:create"], "--email: Enter a valid email address."],
    [["user:create", "--email", "not-an-address"], "--email: Enter a valid email address."],
    [["user:create", "--email", "a@school.test", "--role", "admin"], "--role: A role needs a school"],
    [["user:create", "--email", "a@school.test", "--tenant", "x"], "--role: Say which role"],
    [
      ["user:create", "--email", "a@school.test", "--tenant", "x", "--role", "owner"],
      "--role: The role is admin or member.",
    ],
    [
      ["user:create", "--email", "a@school.test", "--password", "short"],
      "--password: The password needs at least 10",
    ],
    [
      ["user:create", "--email", "a@school.test", "--password", "x", "--password-stdin"],
      "either --password or --password-stdin",
    ],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.err.split("\n")[0]).toContain(message);
    expect(result.err).toContain("Usage: npm run relais -- user:create");
  });

  it("checks a password read from standard input like any other", async () => {
    const result = await cli(
      ["user:create", "--email", `${unique("p")}@school.test`, "--password-stdin"],
      "short\n",
    );
    expect(result.code).toBe(2);
    expect(result.err.split("\n")[0]).toBe(
      "Error: --password-stdin: The password needs at least 10 characters.",
    );
  });
});

describe("operator:create and operator:revoke", () => {
  it("creates the first operator, who can sign in with the password", async () => {
    const email = `${unique("operator")}@relais.test`;
    const result = await cli(["operator:create", "--email", email, "--password-stdin"], password);
    expect(result.code).toBe(0);
    expect(result.out).toContain("Granted platform operator rights.");
    const user = await userByEmail(email);
    expect(user!.isOperator).toBe(true);
    expect(await verifyPassword(password, user!.passwordHash!)).toBe(true);
    const db = await getDb();
    const actions = await db.auditEntry.findMany({ where: { targetId: user!.id }, orderBy: { id: "asc" } });
    expect(actions.map((entry) => [entry.action, entry.tenantId])).toEqual([
      ["user.created", null],
      ["operator.granted", null],
    ]);
  });

  it("revokes operator rights, and says when there were none", async () => {
    const operator = await seedUser({ isOperator: true });
    expect((await cli(["operator:revoke", "--email", operator.email])).out).toContain(
      "is no longer a platform operator",
    );
    expect((await userByEmail(operator.email))!.isOperator).toBe(false);
    expect((await cli(["operator:revoke", "--email", operator.email])).out).toContain(
      "was not a platform operator",
    );
    const missing = await cli(["operator:revoke", "--email", "nobody@relais.test"]);
    expect(missing).toMatchObject({
      code: 1,
      err: "Error: There is no account with the address nobody@relais.test.",
    });
  });
});

describe("tenant:list, help and bad command lines", () => {
  it("lists tenants with their member counts", async () => {
    const tenant = await seedTenant({ name: "Collège Listé" });
    const db = await getDb();
    for (const role of ["admin", "member", "member"] as const) {
      const user = await seedUser();
      await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role } });
    }
    const text = await cli(["tenant:list"]);
    expect(text.code).toBe(0);
    expect(text.out.split("\n")[0]).toMatch(/^SLUG\s+NAME\s+MEMBERS\s+CREATED\s+STATUS$/);
    expect(text.out).toMatch(
      new RegExp(`^${tenant.slug}\\s+Collège Listé\\s+3\\s+\\d{4}-\\d{2}-\\d{2}\\s+active$`, "m"),
    );
    const json = JSON.parse((await cli(["tenant:list", "--json"])).out) as {
      slug: string;
      memberCount: number;
    }[];
    expect(json.find((row) => row.slug === tenant.slug)?.memberCount).toBe(3);
  });

  it("prints help with exit code 0", async () => {
    const result = await cli(["help"]);
    expect(result.code).toBe(0);
    for (const name of ["tenant:create", "tenant:list", "user:create", "operator:create"]) {
      expect(result.out).toContain(name);
    }
    expect((await cli(["help", "tenant:create"])).out).toContain("tenant:create --slug <slug> --name <name>");
  });

  it.each([[[]], [["tenant:destroy"]], [["help", "nonsense"]]])(
    "%j prints the usage and exits with 2",
    async (argv) => {
      const result = await cli(argv);
      expect(result.code).toBe(2);
      expect(result.err.split("\n")[0]).toMatch(/^Error: (no command given|unknown command)/);
      expect(result.err).toContain("Usage: npm run relais -- <command> [options]");
    },
  );
});

describe("scripts/relais.ts as a process", () => {
  it.runIf(realPostgresAvailable("the command line as its own process on this file's database"))(
    "creates a tenant in the database named by DATABASE_URL",
    async () => {
      const slug = unique("spawned");
      const { stdout } = await promisify(execFile)(
        "npx",
        ["tsx", "scripts/relais.ts", "tenant:create", "--slug", slug, "--name", "Spawned School"],
        { cwd: root, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 },
      );
      expect(stdout).toContain(`Created tenant ${slug}`);
      expect((await tenantBySlug(slug))?.name).toBe("Spawned School");
    },
    90_000,
  );

  it.runIf(realPostgresAvailable("the command line's exit code for bad usage, as its own process"))(
    "exits with 2 and no stack trace on bad usage",
    async () => {
      const failure = await promisify(execFile)(
        "npx",
        ["tsx", "scripts/relais.ts", "tenant:create", "--bogus"],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: database.url },
          timeout: 60_000,
        },
      ).then(
        () => null,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toMatch(/^Error: Unknown option '--bogus'/);
      expect(failure?.stderr).not.toMatch(/\n\s+at /);
    },
    90_000,
  );
});

describe("notifications:digest", () => {
  it("runs the worker's mail chores too: a client secret expiring in 5 days is reminded once", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const db = await getDb();
    const config = await seedClientConfiguration(tenant.id);
    await db.clientConfiguration.update({
      where: { id: config.id },
      data: { clientSecretCipher: "sealed", clientSecretExpiresOn: new Date(Date.now() + 5 * 86_400_000) },
    });
    const first = await cli(["notifications:digest"]);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toContain("1 client secret reminder(s)");
    expect(await db.capturedMail.count({ where: { to: admin.email } })).toBe(1);
    const again = await cli(["notifications:digest"]);
    expect(again.out).toContain("0 client secret reminder(s)");
    expect(await db.capturedMail.count({ where: { to: admin.email } })).toBe(1);
  });
});
