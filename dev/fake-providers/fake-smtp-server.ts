import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { FakeOAuthServer, FakeWorld } from "./fake-world";
import { judgeSmtpToken, type SmtpVerdict } from "./judge-smtp-token";
import { normalizeAddress } from "./mailbox-directory";
import { MimeMessage } from "./mime-message";
import { SMTP_REPLIES, smtpError } from "./smtp-replies";
import type { ProviderName } from "./types";

const GOOGLE_MAX_SIZE = 35_882_577;

interface AuthenticatedSession {
  email: string;
  provider: ProviderName;
  /** Google: the current message's `MAIL FROM`, replaced with the account's address. */
  rewrittenEnvelopeFrom?: string;
}

interface SenderDecision {
  raw: string;
  /** Set when Google replaced the sender. */
  rewrittenFrom?: string;
  /** Set when Microsoft refuses the From. */
  refusal?: string;
}

/**
 * The `From:` of an accepted envelope: Microsoft refuses one the account may not send as
 * (SendAsDenied); Google silently writes the account's address instead.
 */
function decideHeaderFrom(world: FakeWorld, session: AuthenticatedSession, raw: string): SenderDecision {
  const mime = new MimeMessage(raw);
  const written = mime.fromAddress();
  if (written === undefined || world.sendAs.allows(session.email, written)) return { raw };
  if (session.provider === "microsoft") return { raw, refusal: SMTP_REPLIES.microsoftSendAsDeniedFrom };
  mime.replaceFromAddress(session.email);
  return { raw: mime.toString(), rewrittenFrom: normalizeAddress(written) };
}

async function readMessage(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * After Google's 334 challenge the client answers an empty line and Google replies with a
 * two-line 535. smtp-server's own follow-up is one fixed line, so the connection's next handler
 * is replaced for that one exchange.
 */
function answerGoogleChallengeFollowUp(server: SMTPServer, session: SMTPServerSession): void {
  const connection = [...server.connections].find((candidate) => candidate.session === session);
  if (!connection) return;
  connection._nextHandler = function googleAuthFailed(_command, done) {
    this.send(
      535,
      SMTP_REPLIES.googleAuthFailed.map((line) => line.slice(4)),
    );
    done();
  };
}

/** SMTP with SASL XOAUTH2 only, accepting the fake providers' live access tokens. */
export function createFakeSmtpServer(world: FakeWorld, servers: FakeOAuthServer[]): SMTPServer {
  const sessions = new Map<string, AuthenticatedSession>();
  const smtp: SMTPServer = new SMTPServer({
    name: "smtp.fake.invalid",
    banner: "ESMTP fake provider SMTP (Relais tests)",
    authMethods: ["XOAUTH2"],
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: GOOGLE_MAX_SIZE,
    closeTimeout: 200,
    logger: false,
    async onAuth(auth, session, callback) {
      world.stats.smtp.authAttempts += 1;
      let verdict: SmtpVerdict;
      try {
        verdict = await judgeSmtpToken(world, servers, auth.username ?? "", auth.accessToken ?? "");
      } catch {
        return callback(smtpError("454 4.7.0 Temporary authentication failure"));
      }
      if (verdict.accepted) {
        sessions.set(session.id, { email: verdict.email, provider: verdict.provider });
        return callback(null, { user: verdict.email });
      }
      world.stats.smtp.authFailures += 1;
      if (verdict.disabled)
        return callback(smtpError(SMTP_REPLIES.microsoftSmtpAuthDisabled(verdict.disabled)));
      if (verdict.provider === "microsoft") return callback(smtpError(SMTP_REPLIES.microsoftAuthFailed));
      callback(null, { data: SMTP_REPLIES.googleAuthChallenge });
      answerGoogleChallengeFollowUp(smtp, session);
    },
    onMailFrom(address, session, callback) {
      const authenticated = sessions.get(session.id);
      const email = authenticated?.email ?? "";
      if (authenticated) delete authenticated.rewrittenEnvelopeFrom;
      if (world.smtp.of(email).quotaExceeded === "google") {
        world.stats.smtp.messagesRefused += 1;
        return callback(smtpError(SMTP_REPLIES.googleQuotaExceeded));
      }
      // Another sender than the account: Send As (Microsoft) or a send-as alias (Google) is needed.
      if (authenticated && !world.sendAs.allows(email, address.address)) {
        if (authenticated.provider === "microsoft") {
          world.stats.smtp.messagesRefused += 1;
          return callback(smtpError(SMTP_REPLIES.microsoftSendAsDenied));
        }
        authenticated.rewrittenEnvelopeFrom = normalizeAddress(address.address);
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      // A recipient the provider knows does not exist is refused here, the others of the message kept.
      const refusal = world.smtp.recipientRefusal(address.address);
      if (refusal) return callback(smtpError(refusal));
      callback();
    },
    onData(stream, session, callback) {
      const delayMs = world.smtp.of(sessions.get(session.id)?.email ?? "").answerDelayMs ?? 0;
      const slowly = (raw: string) =>
        delayMs > 0 ? new Promise<string>((resolve) => setTimeout(() => resolve(raw), delayMs)) : raw;
      readMessage(stream)
        .then(slowly)
        .then((raw) => {
          const authenticated = sessions.get(session.id);
          const email = authenticated?.email ?? "";
          const switches = world.smtp.of(email);
          const refuse = (reply: string) => {
            world.stats.smtp.messagesRefused += 1;
            callback(smtpError(reply));
          };
          if (stream.sizeExceeded) return refuse("552 5.3.4 Message size exceeds fixed limit");
          if (switches.quotaExceeded === "microsoft") return refuse(SMTP_REPLIES.microsoftQuotaExceeded);
          const failure = world.smtp.takeFailure(email);
          if (failure) return refuse(failure);
          const sender = authenticated ? decideHeaderFrom(world, authenticated, raw) : { raw };
          if (sender.refusal) return refuse(sender.refusal);
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          const rewrittenFrom = sender.rewrittenFrom ?? authenticated?.rewrittenEnvelopeFrom;
          world.messages.push({
            from: authenticated?.rewrittenEnvelopeFrom ? email : envelopeFrom,
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: sender.raw,
            auth: email,
            provider: authenticated?.provider ?? "google",
            receivedAt: new Date(world.clock.now()),
            transport: "smtp",
            ...(rewrittenFrom ? { rewrittenFrom } : {}),
          });
          world.stats.smtp.messagesAccepted += 1;
          callback(
            null,
            authenticated?.provider === "microsoft"
              ? "2.0.0 OK [Hostname=FAKE0001.prod.outlook.com]"
              : "2.0.0 OK fake - gsmtp",
          );
        }, callback);
    },
    onClose(session) {
      sessions.delete(session.id);
    },
  });
  return smtp;
}
