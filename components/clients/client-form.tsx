"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/text-field";
import {
  createClientConfigurationAction,
  updateClientConfigurationAction,
} from "@/lib/clients/client-actions";
import type { ClientFormValues } from "@/lib/clients/client-form-values";
import type { MessageKey } from "@/lib/i18n/catalog";
import { deriveDeviceEndpoint } from "@/lib/oauth/endpoint-url";
import { oauthFlows, smtpSecurities, type ProviderKind } from "@/lib/oauth/presets";
import { apiBaseUrlFor, transportsFor, type MailTransport } from "@/lib/transports/mail-transports";
import { KEEP_ALIVE_WINDOWS, keepAliveFamily } from "@/lib/connections/keep-alive-windows";
import { presetScopesFor } from "@/lib/transports/transport-scopes";

const FIELD_LABELS: Record<string, MessageKey> = {
  name: "clients.form.name",
  provider: "clients.form.provider",
  clientId: "clients.form.clientId",
  clientSecret: "clients.form.clientSecret",
  authorizationEndpoint: "clients.form.authorizationEndpoint",
  tokenEndpoint: "clients.form.tokenEndpoint",
  deviceEndpoint: "clients.form.deviceEndpoint",
  revocationEndpoint: "clients.form.revocationEndpoint",
  scopes: "clients.form.scopes",
  defaultFlow: "clients.form.defaultFlow",
  pkce: "clients.form.pkce",
  smtpHost: "clients.form.smtpHost",
  smtpPort: "clients.form.smtpPort",
  smtpSecurity: "clients.form.smtpSecurity",
  transport: "clients.form.transport",
  apiBaseUrl: "clients.form.apiBaseUrl",
  microsoftDirectory: "clients.form.directory",
  keepAliveDays: "clients.form.keepAliveDays",
  googleTesting: "clients.form.googleTesting",
  clientSecretExpiresOn: "clients.form.clientSecretExpiresOn",
};

const selectClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2";

export interface StoredSecret {
  hasSecret: boolean;
  /** "••••abcd": never the secret. */
  hint: string | null;
}

/**
 * Creates (mode "create") or edits a client configuration. Field errors come
 * back from the server action, translated; the device endpoint follows the
 * authorization endpoint until the admin edits it.
 */
export function ClientForm({
  tenant,
  id,
  initial,
  storedSecret,
  platform,
  readOnly = false,
  proposedTransport,
}: {
  tenant: string;
  /** Absent: a new configuration. */
  id?: string;
  initial: ClientFormValues;
  storedSecret?: StoredSecret;
  platform: { offered: boolean; directory: string | null };
  readOnly?: boolean;
  /** A transport chosen in advance (a link from a mailbox whose SMTP AUTH is off): saved only when the admin saves. */
  proposedTransport?: MailTransport;
}) {
  const t = useT();
  const router = useRouter();
  const formId = useId();
  const [provider, setProvider] = useState<ProviderKind>(initial.provider);
  const [authorizationEndpoint, setAuthorizationEndpoint] = useState(initial.authorizationEndpoint);
  const [deviceEndpoint, setDeviceEndpoint] = useState(initial.deviceEndpoint);
  const [deviceEdited, setDeviceEdited] = useState(false);
  const [pkce, setPkce] = useState(initial.pkce);
  const [googleTesting, setGoogleTesting] = useState(initial.googleTesting);
  const [clearSecret, setClearSecret] = useState(false);
  const [secretExpiresOn, setSecretExpiresOn] = useState(initial.clientSecretExpiresOn);
  const proposed =
    proposedTransport &&
    proposedTransport !== initial.transport &&
    transportsFor(initial.provider).includes(proposedTransport)
      ? proposedTransport
      : null;
  const [transport, setTransport] = useState<MailTransport>(proposed ?? initial.transport);
  const [scopes, setScopes] = useState(
    proposed && initial.provider !== "custom"
      ? presetScopesFor(initial.provider, proposed).join("\n")
      : initial.scopes,
  );

  const create = useFormAction(createClientConfigurationAction, (result) => {
    if (result.ok) router.push(`/t/${tenant}/clients/${result.data.id}?created=1`);
  });
  const update = useFormAction(updateClientConfigurationAction, (result, form) => {
    if (!result.ok) return;
    const secret = form.elements.namedItem("clientSecret");
    if (secret instanceof HTMLInputElement) secret.value = "";
    setClearSecret(false);
    // A new secret saved without a new date drops the old one: show what is stored.
    if ("clientSecretExpiresOn" in result.data) setSecretExpiresOn(result.data.clientSecretExpiresOn ?? "");
    // The page's warnings and secret hint are computed from the stored row.
    router.refresh();
  });
  const { result, pending, onSubmit } = id ? update : create;
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const usesPlatform = provider === "platform_microsoft";
  const offered = transportsFor(provider);
  const keepAliveWindow =
    KEEP_ALIVE_WINDOWS[keepAliveFamily({ provider, tokenEndpoint: initial.tokenEndpoint })];

  function onProvider(next: ProviderKind) {
    setProvider(next);
    // A transport the new provider does not offer falls back to SMTP, which every one does.
    if (!transportsFor(next).includes(transport)) setTransport("smtp");
  }

  function onTransport(next: MailTransport) {
    setTransport(next);
    // The presets ask for exactly what their transport needs; a custom configuration's scopes are its own.
    if (provider !== "custom") setScopes(presetScopesFor(provider, next).join("\n"));
  }

  function onAuthorizationEndpoint(value: string) {
    setAuthorizationEndpoint(value);
    if (deviceEdited) return;
    const derived = deriveDeviceEndpoint(value);
    if (derived) setDeviceEndpoint(derived);
  }

  const providerOptions: ProviderKind[] = ["google", "microsoft", "custom"];
  if (platform.offered || initial.provider === "platform_microsoft")
    providerOptions.push("platform_microsoft");

  return (
    <form
      data-testid="client-form"
      onSubmit={onSubmit}
      noValidate
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <input type="hidden" name="tenant" value={tenant} />
      {id && <input type="hidden" name="id" value={id} />}
      <input type="hidden" name="microsoftDirectory" value={initial.microsoftDirectory} />
      <input type="hidden" name="pkce" value={pkce ? "true" : "false"} />
      <input
        type="hidden"
        name="googleTesting"
        value={googleTesting && provider === "google" ? "true" : "false"}
      />
      {result && !result.ok && (
        <div
          data-testid="client-errors"
          role="alert"
          className="rounded bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p className="font-medium">{result.fieldErrors ? t("clients.form.errorsTitle") : result.message}</p>
          {result.fieldErrors && (
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(result.fieldErrors).map(([field, message]) => (
                <li key={field} data-field={field}>
                  {FIELD_LABELS[field]
                    ? t("clients.form.fieldError", { field: t(FIELD_LABELS[field]), message })
                    : message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset disabled={readOnly || pending} className="space-y-6">
        <Section title={t("clients.form.sections.application")}>
          <TextField
            name="name"
            label={t("clients.form.name")}
            hint={t("clients.form.nameHint")}
            defaultValue={initial.name}
            maxLength={100}
            required
            error={fieldErrors.name}
            data-testid="client-name"
          />
          <div>
            <label htmlFor={`${formId}-provider`} className="block text-sm font-medium text-slate-800">
              {t("clients.form.provider")}
            </label>
            <select
              id={`${formId}-provider`}
              name="provider"
              value={provider}
              onChange={(event) => onProvider(event.target.value as ProviderKind)}
              data-testid="client-provider"
              aria-invalid={fieldErrors.provider ? true : undefined}
              className={selectClass}
            >
              {providerOptions.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`clients.providers.${kind}`)}
                </option>
              ))}
            </select>
            {fieldErrors.provider && <p className="mt-1 text-sm text-red-700">{fieldErrors.provider}</p>}
          </div>
          {usesPlatform ? (
            <p
              className="rounded bg-slate-50 px-3 py-2 text-sm text-slate-700"
              data-testid="client-platform-note"
            >
              {t("clients.form.platformNote", { directory: platform.directory ?? "—" })}
            </p>
          ) : (
            <>
              <TextField
                name="clientId"
                label={t("clients.form.clientId")}
                defaultValue={initial.clientId}
                autoComplete="off"
                spellCheck={false}
                required
                error={fieldErrors.clientId}
                data-testid="client-id"
              />
              <SecretField
                storedSecret={storedSecret}
                provider={provider}
                clearSecret={clearSecret}
                onClearSecret={setClearSecret}
                error={fieldErrors.clientSecret}
              />
              <TextField
                name="clientSecretExpiresOn"
                type="date"
                label={t("clients.form.clientSecretExpiresOn")}
                hint={t("clients.form.clientSecretExpiresOnHint")}
                value={secretExpiresOn}
                onChange={(event) => setSecretExpiresOn(event.target.value)}
                error={fieldErrors.clientSecretExpiresOn}
                data-testid="client-secret-expires-on"
              />
            </>
          )}
        </Section>

        {!usesPlatform && (
          <Section title={t("clients.form.sections.endpoints")}>
            <TextField
              name="authorizationEndpoint"
              type="url"
              label={t("clients.form.authorizationEndpoint")}
              value={authorizationEndpoint}
              onChange={(event) => onAuthorizationEndpoint(event.target.value)}
              spellCheck={false}
              required
              error={fieldErrors.authorizationEndpoint}
              data-testid="client-authorization-endpoint"
            />
            <TextField
              name="tokenEndpoint"
              type="url"
              label={t("clients.form.tokenEndpoint")}
              defaultValue={initial.tokenEndpoint}
              spellCheck={false}
              required
              error={fieldErrors.tokenEndpoint}
              data-testid="client-token-endpoint"
            />
            <TextField
              name="deviceEndpoint"
              type="url"
              label={t("clients.form.deviceEndpoint")}
              hint={t("clients.form.deviceEndpointHint")}
              value={deviceEndpoint}
              onChange={(event) => {
                setDeviceEndpoint(event.target.value);
                setDeviceEdited(true);
              }}
              spellCheck={false}
              error={fieldErrors.deviceEndpoint}
              data-testid="client-device-endpoint"
            />
            <TextField
              name="revocationEndpoint"
              type="url"
              label={t("clients.form.revocationEndpoint")}
              hint={t("clients.form.revocationEndpointHint")}
              defaultValue={initial.revocationEndpoint}
              spellCheck={false}
              error={fieldErrors.revocationEndpoint}
              data-testid="client-revocation-endpoint"
            />
          </Section>
        )}

        <Section title={t("clients.form.sections.sending")}>
          <TransportChoice
            offered={offered}
            value={transport}
            onChange={onTransport}
            error={fieldErrors.transport}
            proposed={proposed}
          />
          {provider === "custom" ? (
            <TextField
              name="apiBaseUrl"
              type="url"
              label={t("clients.form.apiBaseUrl")}
              hint={t("clients.form.apiBaseUrlHint")}
              defaultValue={initial.apiBaseUrl}
              spellCheck={false}
              required={transport !== "smtp"}
              error={fieldErrors.apiBaseUrl}
              data-testid="client-api-base-url"
            />
          ) : (
            transport !== "smtp" && (
              <TextField
                label={t("clients.form.apiBaseUrl")}
                hint={t("clients.form.apiBaseUrlFixed")}
                value={apiBaseUrlFor({ apiBaseUrl: null }, transport) ?? ""}
                readOnly
                className="[&_input]:bg-slate-50 [&_input]:font-mono [&_input]:text-sm"
                data-testid="client-api-base-url"
              />
            )
          )}
        </Section>

        <Section title={t("clients.form.sections.access")}>
          <div>
            <label htmlFor={`${formId}-scopes`} className="block text-sm font-medium text-slate-800">
              {t("clients.form.scopes")}
            </label>
            <textarea
              id={`${formId}-scopes`}
              name="scopes"
              rows={4}
              value={scopes}
              onChange={(event) => setScopes(event.target.value)}
              spellCheck={false}
              aria-invalid={fieldErrors.scopes ? true : undefined}
              aria-describedby={`${formId}-scopes-hint`}
              data-testid="client-scopes"
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
            />
            <p id={`${formId}-scopes-hint`} className="mt-1 text-xs text-slate-500">
              {t("clients.form.scopesHint")}
              {provider !== "custom" && ` ${t("clients.form.transportScopesNote")}`}
            </p>
            {fieldErrors.scopes && <p className="mt-1 text-sm text-red-700">{fieldErrors.scopes}</p>}
          </div>
          <div>
            <label htmlFor={`${formId}-flow`} className="block text-sm font-medium text-slate-800">
              {t("clients.form.defaultFlow")}
            </label>
            <select
              id={`${formId}-flow`}
              name="defaultFlow"
              defaultValue={initial.defaultFlow}
              aria-invalid={fieldErrors.defaultFlow ? true : undefined}
              aria-describedby={fieldErrors.defaultFlow ? `${formId}-flow-error` : undefined}
              data-testid="client-flow"
              className={selectClass}
            >
              {oauthFlows.map((flow) => (
                <option key={flow} value={flow}>
                  {t(`clients.flows.${flow}`)}
                </option>
              ))}
            </select>
            {fieldErrors.defaultFlow && (
              <p id={`${formId}-flow-error`} className="mt-1 text-sm text-red-700">
                {fieldErrors.defaultFlow}
              </p>
            )}
          </div>
          <div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={pkce}
                onChange={(event) => setPkce(event.target.checked)}
                data-testid="client-pkce"
              />
              {t("clients.form.pkce")}
            </label>
            {fieldErrors.pkce && <p className="mt-1 text-sm text-red-700">{fieldErrors.pkce}</p>}
          </div>
          {provider === "google" && (
            <div>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={googleTesting}
                  onChange={(event) => setGoogleTesting(event.target.checked)}
                  data-testid="client-google-testing"
                />
                {t("clients.form.googleTesting")}
              </label>
              <p className="mt-1 text-xs text-slate-500">{t("clients.form.googleTestingHint")}</p>
            </div>
          )}
          <TextField
            name="keepAliveDays"
            inputMode="numeric"
            label={t("clients.form.keepAliveDays")}
            hint={t("clients.form.keepAliveDaysHint", {
              days: keepAliveWindow.defaultDays,
              max: keepAliveWindow.maxDays,
            })}
            defaultValue={initial.keepAliveDays}
            error={fieldErrors.keepAliveDays}
            data-testid="client-keep-alive-days"
          />
        </Section>

        <Section title={t("clients.form.sections.smtp")}>
          <p className="text-sm text-slate-600">{t("clients.form.smtpServerHint")}</p>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              name="smtpHost"
              label={t("clients.form.smtpHost")}
              defaultValue={initial.smtpHost}
              spellCheck={false}
              required
              error={fieldErrors.smtpHost}
              data-testid="client-smtp-host"
            />
            <TextField
              name="smtpPort"
              inputMode="numeric"
              label={t("clients.form.smtpPort")}
              defaultValue={initial.smtpPort}
              required
              error={fieldErrors.smtpPort}
              data-testid="client-smtp-port"
            />
            <div>
              <label htmlFor={`${formId}-security`} className="block text-sm font-medium text-slate-800">
                {t("clients.form.smtpSecurity")}
              </label>
              <select
                id={`${formId}-security`}
                name="smtpSecurity"
                defaultValue={initial.smtpSecurity}
                data-testid="client-smtp-security"
                className={selectClass}
              >
                {smtpSecurities.map((security) => (
                  <option key={security} value={security}>
                    {t(`clients.securities.${security}`)}
                  </option>
                ))}
              </select>
              {fieldErrors.smtpSecurity && (
                <p className="mt-1 text-sm text-red-700">{fieldErrors.smtpSecurity}</p>
              )}
            </div>
          </div>
        </Section>
      </fieldset>
      {!readOnly && (
        <button
          type="submit"
          data-testid="client-submit"
          disabled={pending}
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t(id ? "clients.form.submitSave" : "clients.form.submitCreate")}
        </button>
      )}
      <ActionNotice
        testId="client-saved"
        notice={
          result?.ok && id
            ? {
                kind: "success",
                text:
                  "mustReconsent" in result.data && result.data.mustReconsent > 0
                    ? t("clients.form.savedReconsent", { count: result.data.mustReconsent })
                    : t("clients.form.saved"),
              }
            : null
        }
      />
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/** The transports the provider offers, each with one line saying what it means. */
function TransportChoice({
  offered,
  value,
  onChange,
  error,
  proposed,
}: {
  offered: readonly MailTransport[];
  value: MailTransport;
  onChange: (transport: MailTransport) => void;
  error?: string;
  proposed: MailTransport | null;
}) {
  const t = useT();
  const id = useId();
  return (
    <fieldset
      id="client-transport"
      data-testid="client-transport"
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      className="space-y-2"
    >
      <legend className="text-sm font-medium text-slate-800">{t("clients.form.transport")}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("clients.form.transportHint")}
      </p>
      {proposed && (
        <p
          className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="client-transport-proposed"
        >
          {t("clients.form.proposedTransport", { transport: t(`clients.transports.${proposed}`) })}
        </p>
      )}
      {offered.map((transport) => (
        <label
          key={transport}
          className="flex items-start gap-2 rounded border border-slate-200 p-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
        >
          <input
            type="radio"
            name="transport"
            value={transport}
            checked={value === transport}
            onChange={() => onChange(transport)}
            className="mt-1"
            data-testid={`client-transport-${transport}`}
          />
          <span>
            <span className="block font-medium">{t(`clients.transports.${transport}`)}</span>
            <span className="block text-slate-600">{t(`clients.transportDescriptions.${transport}`)}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function SecretField({
  storedSecret,
  provider,
  clearSecret,
  onClearSecret,
  error,
}: {
  storedSecret?: StoredSecret;
  provider: ProviderKind;
  clearSecret: boolean;
  onClearSecret: (value: boolean) => void;
  error?: string;
}) {
  const t = useT();
  const hint =
    provider === "google" ? t("clients.form.clientSecretHint") : t("clients.form.clientSecretOptional");
  if (!storedSecret?.hasSecret) {
    return (
      <TextField
        name="clientSecret"
        type="password"
        label={t("clients.form.clientSecret")}
        hint={storedSecret ? `${t("clients.form.noSecret")} ${hint}` : hint}
        autoComplete="new-password"
        error={error}
        data-testid="client-secret"
      />
    );
  }
  return (
    <div className="space-y-2 rounded border border-slate-200 p-3">
      <p className="text-sm" data-testid="client-secret-hint">
        {t("clients.form.secretSet", { hint: storedSecret.hint ?? "••••" })}
      </p>
      <TextField
        name="clientSecret"
        type="password"
        label={t("clients.form.newSecret")}
        hint={t("clients.form.secretKeep")}
        autoComplete="new-password"
        disabled={clearSecret}
        error={error}
        data-testid="client-secret"
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="clearSecret"
          value="true"
          checked={clearSecret}
          onChange={(event) => onClearSecret(event.target.checked)}
          data-testid="client-clear-secret"
        />
        {t("clients.form.clearSecret")}
      </label>
    </div>
  );
}
