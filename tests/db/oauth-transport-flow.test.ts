import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { completeAuthorization } from "@/lib/oauth-flow/complete-authorization";
import { personActor, type FlowActor } from "@/lib/oauth-flow/flow-actor";
import { startAuthorization } from "@/lib/oauth-flow/start-authorization";
import { GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE } from "@/lib/oauth/presets";
import {
  REDIRECT_URI,
  actorOf,
  seedFakeMailbox,
  seedSchoolAtFake,
  setOAuthFlowEnvironment,
  useFakeProviders,
} from "../support/oauth-flow-fixtures";
import { useTestDatabase } from "../support/test-db";
import { FormBrowser, authorizeThroughPages } from "../unit/fakes/form-browser";

setOAuthFlowEnvironment();
useTestDatabase();
const provider = useFakeProviders();

const address = (name: string) => `${name}-${randomBytes(3).toString("hex")}@college.test`;

type School = Awaited<ReturnType<typeof seedSchoolAtFake>>;

async function connectAs(school: School, mailboxId: string, email: string) {
  const actor: FlowActor = await personActor(actorOf(school.admin), school.tenant.slug);
  const started = await startAuthorization(actor, mailboxId, { returnTo: "/t/x/mailboxes" });
  const redirect = await authorizeThroughPages(new FormBrowser(), started.authorizationUrl, REDIRECT_URI, {
    email,
  });
  const result = await completeAuthorization({
    params: redirect.searchParams,
    browserBinding: started.browserBinding,
    user: { userId: school.admin.id, email: school.admin.email, ip: null },
    ip: "198.51.100.4",
  });
  return { started, result };
}

async function mailboxRow(id: string) {
  return (await getDb()).mailbox.findUniqueOrThrow({ where: { id } });
}

describe("consent for a mailbox sent through Graph", () => {
  it("asks for Graph's Mail.Send instead of SMTP.Send for a mailbox moved to Graph, and connects", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft");
    const mailbox = await seedFakeMailbox(fakes, school, address("graph"));
    const db = await getDb();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { transport: "graph" } });

    const { started, result } = await connectAs(school, mailbox.id, mailbox.address);
    const scopes = new URL(started.authorizationUrl).searchParams.get("scope")!.split(" ");
    expect(scopes).toContain(GRAPH_MAIL_SEND_SCOPE);
    expect(scopes).not.toContain("https://outlook.office.com/SMTP.Send");
    expect(scopes).toContain("offline_access");
    expect(result).toMatchObject({ outcome: "connected" });
    const row = await mailboxRow(mailbox.id);
    expect(row.state).toBe("connected");
    expect(row.grantedScopes.map((s) => s.toLowerCase())).toContain(GRAPH_MAIL_SEND_SCOPE.toLowerCase());
  });
});

describe("a shared mailbox sent as by a delegate", () => {
  it("expects the delegate's account, asks for Mail.Send.Shared over Graph, and records the delegate", async () => {
    const { fakes } = provider;
    const school = await seedSchoolAtFake(fakes, "microsoft");
    const shared = await seedFakeMailbox(fakes, school, address("secretariat"));
    const delegate = address("jean");
    fakes.control.addMailbox(delegate, { provider: "microsoft" });
    const db = await getDb();
    await db.mailbox.update({
      where: { id: shared.id },
      data: { transport: "graph", delegateAccount: delegate },
    });

    // Signing in as the shared address itself is the wrong account.
    const wrong = await connectAs(school, shared.id, shared.address);
    expect(wrong.result).toMatchObject({ outcome: "wrong_account", account: shared.address });
    expect((await mailboxRow(shared.id)).state).toBe("pending");

    const { started, result } = await connectAs(school, shared.id, delegate);
    const url = new URL(started.authorizationUrl);
    expect(url.searchParams.get("login_hint")).toBe(delegate);
    expect(url.searchParams.get("scope")!.split(" ")).toEqual(
      expect.arrayContaining([GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE]),
    );
    expect(result).toMatchObject({ outcome: "connected" });
    const row = await mailboxRow(shared.id);
    expect(row).toMatchObject({ state: "connected", authorizedAccount: delegate });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: school.tenant.id, targetId: shared.id, action: "mailbox.connected" },
    });
    expect(audit.details).toMatchObject({ account: delegate });
  });
});
