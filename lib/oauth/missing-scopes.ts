import { scopesLacking } from "./scope-names";

// Sign-in scopes that providers leave out of the token response or rename:
// Microsoft never echoes openid, profile, email and offline_access (a refresh
// token is what shows offline_access was granted), Google answers "email" as
// its userinfo.email URL. They are not what sending needs, so they are not
// counted as missing.
const unreportedScopes = new Set(["openid", "email", "profile", "offline_access"]);

/**
 * The scopes a mailbox's consent asks for that its grant lacks, in the
 * order asked. Microsoft's short names (`SMTP.Send`, Graph's `Mail.Send`)
 * count as their full ones.
 */
export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  const reported = required.filter((scope) => !unreportedScopes.has(scope.trim().toLowerCase()));
  return scopesLacking(reported, granted);
}
