import type { Locale } from "./locales";
import { members as enMembers } from "./messages/en/members";
import { audit as enAudit } from "./messages/en/audit";
import { operator as enOperator } from "./messages/en/operator";
import { devMail as enDevMail } from "./messages/en/devMail";
import { auth as enAuth } from "./messages/en/auth";
import { common as enCommon } from "./messages/en/common";
import { errors as enErrors } from "./messages/en/errors";
import { clients as enClients } from "./messages/en/clients";
import { connections as enConnections } from "./messages/en/connections";
import { mailboxes as enMailboxes } from "./messages/en/mailboxes";
import { auth as frAuth } from "./messages/fr/auth";
import { members as frMembers } from "./messages/fr/members";
import { audit as frAudit } from "./messages/fr/audit";
import { operator as frOperator } from "./messages/fr/operator";
import { devMail as frDevMail } from "./messages/fr/devMail";
import { common as frCommon } from "./messages/fr/common";
import { errors as frErrors } from "./messages/fr/errors";
import { clients as frClients } from "./messages/fr/clients";
import { connections as frConnections } from "./messages/fr/connections";
import { mailboxes as frMailboxes } from "./messages/fr/mailboxes";
import { outbox as enOutbox } from "./messages/en/outbox";
import { outbox as frOutbox } from "./messages/fr/outbox";
import { connect as enConnect } from "./messages/en/connect";
import { connect as frConnect } from "./messages/fr/connect";
import { dashboard as enDashboard } from "./messages/en/dashboard";
import { dashboard as frDashboard } from "./messages/fr/dashboard";
import { relay as enRelay } from "./messages/en/relay";
import { relay as frRelay } from "./messages/fr/relay";
import { migration as enMigration } from "./messages/en/migration";
import { migration as frMigration } from "./messages/fr/migration";
import { webhooks as enWebhooks } from "./messages/en/webhooks";
import { webhooks as frWebhooks } from "./messages/fr/webhooks";
import { settings as enSettings } from "./messages/en/settings";
import { settings as frSettings } from "./messages/fr/settings";
import { charts as enCharts } from "./messages/en/charts";
import { charts as frCharts } from "./messages/fr/charts";
import { campaigns as enCampaigns } from "./messages/en/campaigns";
import { campaigns as frCampaigns } from "./messages/fr/campaigns";
import type { Translation } from "./translation-shape";

// One file per area and language, so that features add their strings
// without touching each other's files. Add an area to both maps.
const en = {
  common: enCommon,
  errors: enErrors,
  auth: enAuth,
  members: enMembers,
  audit: enAudit,
  operator: enOperator,
  devMail: enDevMail,
  clients: enClients,
  connect: enConnect,
  connections: enConnections,
  mailboxes: enMailboxes,
  outbox: enOutbox,
  dashboard: enDashboard,
  relay: enRelay,
  migration: enMigration,
  webhooks: enWebhooks,
  settings: enSettings,
  charts: enCharts,
  campaigns: enCampaigns,
};
export type Catalog = Translation<typeof en>;
const fr: Catalog = {
  common: frCommon,
  errors: frErrors,
  auth: frAuth,
  members: frMembers,
  audit: frAudit,
  operator: frOperator,
  devMail: frDevMail,
  clients: frClients,
  connect: frConnect,
  connections: frConnections,
  mailboxes: frMailboxes,
  outbox: frOutbox,
  dashboard: frDashboard,
  relay: frRelay,
  migration: frMigration,
  webhooks: frWebhooks,
  settings: frSettings,
  charts: frCharts,
  campaigns: frCampaigns,
};

export const catalogs: Record<Locale, Catalog> = { en, fr };

type Paths<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. "common.nav.members". */
export type MessageKey = Paths<Catalog>;
