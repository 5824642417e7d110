import { startFakeProviders, type ProviderName } from "../dev/fake-providers";

// Usage: npx tsx scripts/fake-providers.ts
//   RELAIS_FAKE_PORT_BASE=4010          google 4010, microsoft 4011, smtp 4025
//   RELAIS_FAKE_MAILBOXES="google:a@lycee.test,microsoft:b@college.test"
//   RELAIS_FAKE_ACCEPT_ANY_ACCOUNT=1    any address may sign in
// The demo starts the same servers in its own process with startFakeProviders().

function parseMailboxes(value: string | undefined): Array<{ email: string; provider: ProviderName }> {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [provider, email] = item.split(":");
      if ((provider !== "google" && provider !== "microsoft") || !email) {
        throw new Error(`RELAIS_FAKE_MAILBOXES: expected provider:address, got "${item}"`);
      }
      return { provider, email };
    });
}

async function main() {
  const base = Number(process.env.RELAIS_FAKE_PORT_BASE ?? 4010);
  if (!Number.isInteger(base) || base < 1 || base > 65_000)
    throw new Error("RELAIS_FAKE_PORT_BASE must be a port number");
  const fakes = await startFakeProviders({
    ports: { google: base, microsoft: base + 1, smtp: base + 15 },
    mailboxes: parseMailboxes(process.env.RELAIS_FAKE_MAILBOXES),
    acceptAnyAccount: process.env.RELAIS_FAKE_ACCEPT_ANY_ACCOUNT === "1",
  });
  const { google, microsoft, smtp } = fakes;
  console.log(`Fake providers listening on 127.0.0.1 (see docs/fake-providers.md)

Google-like
  authorization  ${google.authorizationEndpoint}?prompt=consent&access_type=offline
  token          ${google.tokenEndpoint}
  device         ${google.deviceEndpoint}   (verification page ${google.verificationUrl})
  revocation     ${google.revocationEndpoint}
  Gmail API base ${google.gmailApiBaseUrl}   (messages.send: /gmail/v1/users/me/messages/send)

Microsoft-like (any of organizations, common, consumers or a tenant GUID)
  authorization  ${microsoft.organizations.authorizationEndpoint}
  token          ${microsoft.organizations.tokenEndpoint}
  device         ${microsoft.organizations.deviceEndpoint}   (verification page ${microsoft.verificationUri})
  Graph base     ${microsoft.graphBaseUrl}   (sendMail: /v1.0/me/sendMail, /v1.0/users/{address}/sendMail)

SMTP (XOAUTH2 only, no TLS)  ${smtp.host}:${smtp.port}

Register the OAuth clients and mailboxes you use through the control endpoint:
  curl -s ${google.controlUrl} -H 'content-type: application/json' \\
    -d '{"method":"registerClient","args":[{"provider":"google","clientId":"demo.apps.googleusercontent.com","clientSecret":"GOCSPX-demo","redirectUris":["http://127.0.0.1:3000/api/oauth/callback"]}]}'
  curl -s ${google.controlUrl} -H 'content-type: application/json' \\
    -d '{"method":"addMailbox","args":["secretariat@lycee.test",{"provider":"google"}]}'
  curl -s ${google.controlUrl} -H 'content-type: application/json' -d '{"method":"messages","args":[]}'

Ctrl+C stops them.`);
  const stop = () => {
    fakes.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`Fake providers failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
