import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerOptions,
  type SMTPServerSession,
} from "smtp-server";
import type { Log } from "@/lib/log/log";
import { providerFamily, maxRecipientsPerMessage } from "@/lib/outbox/mail-limits";
import { countRelayMessage, countRelayRefusal, countRelaySession } from "@/lib/metrics/metrics";
import { plainIp } from "@/lib/relay-credentials/networks";
import { markCredentialUsed, recordRefusal, recordSession } from "./relay-events";
import { checkRelayLogin, type RelayMailbox, type SessionCredential } from "./relay-credential-session";
import { prepareMessage } from "./prepare-message";
import { RelayQueue } from "./relay-queue";
import { relayRecipient } from "./relay-recipient";
import { dataReply, RelayReply, relayReply, type RelayReason } from "@/lib/relay-protocol/relay-replies";
import type { RelayListener, RelaySettings } from "./relay-settings";
import type { RelaySql } from "./relay-sql";
import type { CertificatePair } from "./relay-tls";

type SessionState = {
  clientIp: string;
  startedAt: Date;
  credential: SessionCredential | null;
  /** The mailbox of the transaction in progress (chosen at MAIL FROM). */
  mailbox: RelayMailbox | null;
  messages: number;
  refusals: number;
  failedLogins: number;
};

export type RelayContext = {
  sql: RelaySql;
  settings: RelaySettings;
  log: Log;
};

const MAX_FAILED_LOGINS_PER_SESSION = 3;

/** What a session's log entries say about it: never its user name (a password is sometimes typed there). */
const sessionFields = (state: SessionState | undefined) => ({
  clientIp: state?.clientIp,
  tenantId: state?.credential?.tenantId,
  credentialId: state?.credential?.id,
  mailboxId: state?.mailbox?.id ?? undefined,
});

/** Every failure that is not a refusal of ours: the database or the network under it. Devices retry on 421. */
function unavailable(ctx: RelayContext, error: unknown, state?: SessionState): RelayReply {
  ctx.log.error({ ...sessionFields(state), err: error }, "Relay could not answer a command; replied 421");
  return countRelayRefusal(relayReply("database_unavailable"));
}

/** The relay's handlers, shared by every listener of one process. */
export function relayHandlers(ctx: RelayContext) {
  const sessions = new Map<string, SessionState>();
  /** Connections open per client address, shared by this process's listeners. */
  const perIp = new Map<string, number>();
  const queue = new RelayQueue(ctx.sql);
  const stateOf = (session: SMTPServerSession): SessionState => {
    let state = sessions.get(session.id);
    if (!state) {
      state = {
        clientIp: plainIp(session.remoteAddress),
        startedAt: new Date(),
        credential: null,
        mailbox: null,
        messages: 0,
        refusals: 0,
        failedLogins: 0,
      };
      sessions.set(session.id, state);
    }
    return state;
  };
  /** A refusal: counted on the session, recorded for the credential's page. */
  const refuse = (
    state: SessionState,
    reason: RelayReason,
    detail = "",
    phase: "command" | "data" = "command",
  ): RelayReply => {
    const reply = countRelayRefusal(
      phase === "data" ? dataReply(reason, detail) : relayReply(reason, detail),
    );
    state.refusals += 1;
    if (state.credential) recordRefusal(ctx.sql, state.credential, state.clientIp, reply, ctx.log);
    return reply;
  };

  const handlers: Pick<
    SMTPServerOptions,
    "onConnect" | "onAuth" | "onMailFrom" | "onRcptTo" | "onData" | "onClose"
  > = {
    onConnect(session, callback) {
      const state = stateOf(session);
      const open = perIp.get(state.clientIp) ?? 0;
      if (open >= ctx.settings.maxConnectionsPerIp) {
        sessions.delete(session.id);
        return callback(
          countRelayRefusal(
            new RelayReply(421, "4.7.0 Too many connections from your address; try again later", "throttled"),
          ),
        );
      }
      perIp.set(state.clientIp, open + 1);
      countRelaySession("opened");
      callback();
    },

    onAuth(auth, session, callback) {
      const state = stateOf(session);
      (async () => {
        const result = await checkRelayLogin(
          ctx.sql,
          auth.username ?? "",
          auth.password ?? "",
          state.clientIp,
        );
        if (result.ok) {
          state.credential = result.credential;
          return callback(null, { user: result.credential.username });
        }
        state.failedLogins += 1;
        ctx.log.info(
          {
            clientIp: state.clientIp,
            tenantId: result.credential?.tenantId,
            credentialId: result.credential?.id,
            reason: result.reason,
          },
          "Relay login refused",
        );
        const reply = relayReply(
          result.reason,
          result.reason === "network_not_allowed" ? state.clientIp : "",
        );
        if (result.credential) recordRefusal(ctx.sql, result.credential, state.clientIp, reply, ctx.log);
        // A session that keeps guessing is closed (421 ends it).
        if (state.failedLogins >= MAX_FAILED_LOGINS_PER_SESSION) {
          return callback(
            countRelayRefusal(
              new RelayReply(
                421,
                `4.7.0 ${reply.message.replace(/^\d\.\d\.\d+ /, "")}; closing`,
                result.reason,
              ),
            ),
          );
        }
        callback(countRelayRefusal(reply));
      })().catch((error: unknown) => callback(unavailable(ctx, error, state)));
    },

    onMailFrom(address, session, callback) {
      const state = stateOf(session);
      const credential = state.credential;
      // smtp-server already answers 530 to MAIL before AUTH; this is the belt to its braces.
      if (!credential)
        return callback(
          countRelayRefusal(new RelayReply(530, "5.7.0 Authentication required", "bad_password")),
        );
      if (state.messages >= ctx.settings.maxMessagesPerSession)
        return callback(refuse(state, "too_many_messages"));
      const sender = address.address.trim().toLowerCase();
      const mailbox =
        credential.fromPolicy === "as_sent"
          ? credential.mailboxes.find((m) => m.address === sender)
          : credential.mailboxes[0];
      if (!mailbox) return callback(refuse(state, "sender_not_allowed", sender || "<>"));
      if (mailbox.state === "revoked") return callback(refuse(state, "mailbox_revoked", mailbox.address));
      state.mailbox = mailbox;
      callback();
    },

    onRcptTo(address, session, callback) {
      const state = stateOf(session);
      if (!relayRecipient(address.address)) {
        return callback(refuse(state, "invalid_recipient", address.address.slice(0, 100)));
      }
      const max = maxRecipientsPerMessage(providerFamily(state.mailbox?.provider ?? "custom"));
      if (session.envelope.rcptTo.length >= max)
        return callback(refuse(state, "too_many_recipients", String(max)));
      callback();
    },

    onData(stream, session, callback) {
      const state = stateOf(session);
      readMessage(stream, ctx.settings.maxMessageBytes)
        .then(async (message) => {
          // smtp-server answers 552 itself once the stream ends; the refusal is recorded here.
          if (message === "too_large")
            return callback(refuse(state, "message_too_large", String(ctx.settings.maxMessageBytes)));
          const credential = state.credential;
          const mailbox = state.mailbox;
          if (!credential || !mailbox)
            return callback(
              countRelayRefusal(new RelayReply(503, "5.5.1 Bad sequence of commands", "bad_message")),
            );
          if (message.length === 0) return callback(refuse(state, "bad_message", "the message is empty"));
          const prepared = prepareMessage({
            message,
            mailbox,
            fromPolicy: credential.fromPolicy,
            recipients: session.envelope.rcptTo.map((r) => relayRecipient(r.address) ?? r.address),
          });
          if ("refused" in prepared) return callback(refuse(state, prepared.refused, prepared.detail));
          const queued = await queue.queue(credential, mailbox, prepared, state.clientIp);
          if ("refused" in queued) return callback(refuse(state, queued.refused, queued.detail, "data"));
          state.messages += 1;
          countRelayMessage();
          // "Used" means a mail went through, not a login: a device whose every mail is refused has not moved.
          if (state.messages === 1) markCredentialUsed(ctx.sql, credential, state.clientIp, ctx.log);
          const note =
            queued.status === "held" ? " (held: its mailbox must be connected in Relais first)" : "";
          callback(null, `2.0.0 Queued as ${queued.id}${note}`);
        })
        .catch((error: unknown) => {
          // The client went away in the middle of DATA: nothing was queued, nobody to answer.
          if ((error as { code?: string })?.code === "ECONNECTION" || stream.destroyed)
            return callback(error as Error);
          callback(unavailable(ctx, error, state));
        });
    },

    onClose(session) {
      const state = sessions.get(session.id);
      sessions.delete(session.id);
      if (!state) return;
      countRelaySession("closed");
      const open = (perIp.get(state.clientIp) ?? 1) - 1;
      if (open > 0) perIp.set(state.clientIp, open);
      else perIp.delete(state.clientIp);
      if (state.credential) {
        recordSession(ctx.sql, state.credential, state, ctx.log);
      }
    },
  };
  return { handlers, sessions };
}

/** The message, or "too_large" once it passed the limit (the rest is read and dropped, as SMTP requires). */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | "too_large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  if (tooLarge || stream.sizeExceeded) return "too_large";
  return Buffer.concat(chunks, size);
}

/** smtp-server's options for one listener, TLS included. */
export function listenerOptions(
  listener: RelayListener,
  settings: RelaySettings,
  certificate: CertificatePair | null,
): SMTPServerOptions {
  const tls = certificate
    ? {
        key: certificate.key,
        cert: certificate.cert,
        // smtp-server's default is TLS 1.0; only the legacy listener, opted in, goes below 1.2.
        minVersion: listener.legacyTls ? ("TLSv1" as const) : ("TLSv1.2" as const),
        ...(listener.legacyTls ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}),
      }
    : {};
  return {
    name: settings.publicHost,
    banner: "Relais SMTP relay",
    secure: listener.kind === "tls",
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: false,
    // AUTH only after TLS, except on the plain listener the operator bound to the school's network.
    allowInsecureAuth: listener.kind === "plain",
    disabledCommands: listener.kind === "plain" ? ["STARTTLS"] : [],
    size: settings.maxMessageBytes,
    maxClients: settings.maxConnections,
    socketTimeout: settings.socketTimeoutMs,
    closeTimeout: 5000,
    disableReverseLookup: true,
    // Behind a load balancer the socket's address is the balancer's: the PROXY header it sends names the
    // client, and is read only from the balancers named (a header from anyone else is refused).
    useProxy: settings.proxyProtocolFrom.length > 0 ? settings.proxyProtocolFrom : false,
    maxAllowedUnauthenticatedCommands: 10,
    logger: false,
    authRequiredMessage: "5.7.0 Authentication required: log in with the credential Relais gave this device",
    ...tls,
  };
}

export function createRelayServer(
  listener: RelayListener,
  settings: RelaySettings,
  certificate: CertificatePair | null,
  handlers: ReturnType<typeof relayHandlers>["handlers"],
): SMTPServer {
  const server = new SMTPServer({ ...listenerOptions(listener, settings, certificate), ...handlers });
  return server;
}
