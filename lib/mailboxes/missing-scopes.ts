// Sign-in scopes that providers leave out of the token response or rename:
// Microsoft never echoes openid, profile, email and offline_access (a refresh
// token is what shows offline_access was granted), Google answers "email" as
// its userinfo.email URL. They are not what sending needs, so they are not
// counted as missing.
const unreportedScopes = new Set(["openid", "email", "profile", "offline_access"]);

// Microsoft may answer its SMTP scope without the resource prefix.
const canonical = (scope: string) => {
  const lower = scope.trim().toLowerCase();
  return lower === "smtp.send" ? "https://outlook.office.com/smtp.send" : lower;
};

/** The scopes a configuration requires that a grant lacks, in the configuration's order. */
export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted.map(canonical));
  return required.filter((scope) => !unreportedScopes.has(canonical(scope)) && !have.has(canonical(scope)));
}
