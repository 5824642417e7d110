import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/catalog";
import { isLoopbackAddress } from "@/lib/net/address-guard";
import { OutboundRefusedError, type OutboundRefusalReason } from "@/lib/net/outbound-refused-error";
import { checkOutboundTarget } from "@/lib/net/outbound-target";
import { mailTransports } from "@/lib/transports/mail-transports";
import { oauthFlows, providerKinds, smtpSecurities } from "@/lib/oauth/presets";
import { checkSmtpHost } from "@/lib/oauth/smtp-host";

const key = (messageKey: MessageKey) => messageKey;

const URL_PROBLEMS: Partial<Record<OutboundRefusalReason, MessageKey>> = {
  invalid_url: "clients.validation.urlInvalid",
  not_https: "clients.validation.urlNotHttps",
  numeric_host: "clients.validation.urlNumericHost",
  blocked_address: "clients.validation.urlPrivateHost",
};

/**
 * Why an endpoint URL cannot be saved, or null. The same rules as at call time
 * (lib/net), minus DNS: names are checked again on every connection anyway.
 * Plain http passes only for this machine (loopback literal or `localhost`)
 * when local providers are allowed.
 */
export function endpointUrlProblem(value: string, allowLocalProviders: boolean): MessageKey | null {
  let url: URL;
  try {
    url = checkOutboundTarget(value, allowLocalProviders).url;
  } catch (error) {
    if (!(error instanceof OutboundRefusedError)) throw error;
    return URL_PROBLEMS[error.reason] ?? key("clients.validation.urlInvalid");
  }
  if (url.username || url.password) return key("clients.validation.urlHasCredentials");
  const host = url.hostname;
  const localName = host === "localhost" || host.endsWith(".localhost");
  // Refused at call time anyway; saying so now spares a failed connection later.
  if (localName && !allowLocalProviders) return key("clients.validation.urlPrivateHost");
  if (url.protocol === "http:" && !localName && !isLoopbackAddress(host)) {
    return key("clients.validation.urlNotHttps");
  }
  return null;
}

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

function endpointUrl(allowLocalProviders: boolean) {
  return z
    .string({ error: key("clients.validation.urlRequired") })
    .trim()
    .min(1, { error: key("clients.validation.urlRequired") })
    .max(2000, { error: key("clients.validation.urlInvalid") })
    .superRefine((value, ctx) => {
      // zod runs refinements even after min(1) failed; "required" says it all.
      const problem = value === "" ? null : endpointUrlProblem(value, allowLocalProviders);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

// RFC 6749 §3.3: a scope token is printable ASCII without space, `"` or `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

// Checked on the whole list so that the error belongs to the "scopes" field, not to one item.
const scopes = z
  .string({ error: key("clients.validation.scopesRequired") })
  .transform((value) => [...new Set(value.split(/\s+/).filter(Boolean))])
  .superRefine((list, ctx) => {
    const problem =
      list.length === 0
        ? key("clients.validation.scopesRequired")
        : !list.every((scope) => SCOPE_TOKEN.test(scope))
          ? key("clients.validation.scopeInvalid")
          : list.length > 50
            ? key("clients.validation.scopesTooMany")
            : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const smtpPort = z.preprocess(
  (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z
    .number({ error: key("clients.validation.smtpPortInvalid") })
    .int({ error: key("clients.validation.smtpPortInvalid") })
    .min(1, { error: key("clients.validation.smtpPortInvalid") })
    .max(65535, { error: key("clients.validation.smtpPortInvalid") }),
);

// Forms send strings; an unticked checkbox sends nothing, so the form also sends an explicit value.
const pkce = z.preprocess(
  (value) => {
    if (value === undefined || value === "") return true;
    if (value === "true" || value === "on") return true;
    if (value === "false" || value === "off") return false;
    return value;
  },
  z.boolean({ error: key("clients.validation.pkceInvalid") }),
);

/** The client configuration form. `allowLocalProviders` comes from RELAIS_ALLOW_LOCAL_PROVIDERS. */
export function clientConfigSchema({ allowLocalProviders }: { allowLocalProviders: boolean }) {
  const optionalUrl = z.preprocess(emptyToUndefined, endpointUrl(allowLocalProviders).optional());
  return z.object({
    name: z
      .string({ error: key("clients.validation.nameRequired") })
      .trim()
      .min(1, { error: key("clients.validation.nameRequired") })
      .max(100, { error: key("clients.validation.nameTooLong") }),
    provider: z.enum(providerKinds, { error: key("clients.validation.providerInvalid") }),
    clientId: z
      .string({ error: key("clients.validation.clientIdRequired") })
      .trim()
      .min(1, { error: key("clients.validation.clientIdRequired") })
      .max(500, { error: key("clients.validation.clientIdTooLong") }),
    // Not trimmed: a secret is taken exactly as pasted, except that blank means "none".
    clientSecret: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .max(2000, { error: key("clients.validation.secretTooLong") })
        .optional(),
    ),
    authorizationEndpoint: endpointUrl(allowLocalProviders),
    tokenEndpoint: endpointUrl(allowLocalProviders),
    deviceEndpoint: optionalUrl,
    revocationEndpoint: optionalUrl,
    scopes,
    defaultFlow: z.enum(oauthFlows, { error: key("clients.validation.flowInvalid") }),
    pkce,
    smtpHost: z
      .string({ error: key("clients.validation.smtpHostInvalid") })
      .trim()
      .toLowerCase()
      .superRefine((value, ctx) => {
        const problem = checkSmtpHost(value, allowLocalProviders);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    smtpPort,
    smtpSecurity: z.enum(smtpSecurities, { error: key("clients.validation.smtpSecurityInvalid") }),
    // Absent: SMTP, as before transports were offered (callers that do not know them).
    transport: z.preprocess(
      emptyToUndefined,
      z.enum(mailTransports, { error: key("clients.validation.transportInvalid") }).optional(),
    ),
    // The HTTP API's base address: typed for a custom configuration, the provider's otherwise.
    apiBaseUrl: optionalUrl,
  });
}

export type ClientConfigInput = z.output<ReturnType<typeof clientConfigSchema>>;
export type ClientConfigField = keyof ClientConfigInput;
