/** Base64 of `secret` placed at each of the three byte offsets, less the characters it shares with its neighbours. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const first = offset === 0 ? 0 : 4;
    const last = Math.floor((offset + bytes.length) / 3) * 4;
    return encoded.slice(first, last);
  });
}

/**
 * The forms a secret takes in a log: as it is, escaped in JSON, encoded for a
 * URL or a form, and inside base64 at any alignment (SMTP's AUTH PLAIN and
 * XOAUTH2 carry credentials that way).
 */
export function secretForms(secret: string): string[] {
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...base64Forms(secret),
  ];
  // Too short a form would match by chance.
  return [...new Set(forms)].filter((form) => form.length >= 8);
}

/** The names of the secrets found in `text`, in any of their forms. */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => secretForms(secret).some((form) => text.includes(form)))
    .map(([name]) => name);
}
