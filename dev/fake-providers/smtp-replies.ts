/**
 * The SMTP replies the fake server gives, as the real providers word them (the bracketed host
 * names and Google's trailing ids stand in for the real ones). Exported so that tests can match
 * them exactly; code under test should match on the code and the enhanced status code.
 */
export const SMTP_REPLIES = {
  /** Base64-decoded payload of Google's `334` challenge after a refused XOAUTH2 token. */
  googleAuthChallenge: { status: "401", schemes: "bearer", scope: "https://mail.google.com/" },
  /** Google's answer to the client's empty line after the challenge (two lines). */
  googleAuthFailed: [
    "535-5.7.8 Username and Password not accepted. For more information, go to",
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials fake - gsmtp",
  ],
  microsoftAuthFailed: "535 5.7.3 Authentication unsuccessful [FAKE0001.prod.outlook.com]",
  microsoftSmtpAuthDisabled: (level: "Mailbox" | "Tenant") =>
    `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the ${level}. Visit https://aka.ms/smtp_auth_disabled for more information. [FAKE0001.prod.outlook.com]`,
  googleQuotaExceeded:
    "550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 fake - gsmtp",
  microsoftQuotaExceeded:
    "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message. [FAKE0001.prod.outlook.com]",
  /** Microsoft, `MAIL FROM` another address than the account's without Send As on it. */
  microsoftSendAsDenied:
    "550 5.7.60 SMTP; Client does not have permissions to send as this sender [FAKE0001.prod.outlook.com]",
  /** Microsoft, after `DATA`: a `From:` the account has no Send As on (the envelope being allowed). */
  microsoftSendAsDeniedFrom:
    "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message. [FAKE0001.prod.outlook.com]",
} as const;

/** "451 4.3.0 Temporary failure" → code and text, as smtp-server wants them. */
export function parseReply(reply: string): { code: number; message: string } {
  const match = /^([245]\d\d)[ -](.*)$/s.exec(reply.trim());
  if (!match?.[1] || match[2] === undefined) throw new TypeError(`not an SMTP reply: ${reply}`);
  const code = Number(match[1]);
  if (code < 400) throw new TypeError(`failNext needs a 4xx or 5xx reply: ${reply}`);
  return { code, message: match[2] };
}

/** An error smtp-server turns into the given reply line. */
export function smtpError(reply: string): Error & { responseCode: number } {
  const { code, message } = parseReply(reply);
  return Object.assign(new Error(message), { responseCode: code });
}
