import { PROVIDER_NAMES, type ProviderName } from "./types";

export interface EndpointCounts {
  authorizationRequests: number;
  tokenRequests: number;
  tokenRequestsByGrantType: Record<string, number>;
  /** Refresh-token grant requests per mailbox address ("unknown" when the token was not recognised). */
  refreshRequests: Record<string, number>;
  deviceAuthorizationRequests: number;
  devicePolls: number;
  revocationRequests: number;
}

/** How a revocation request authenticated its client ("missing": no client id at all). */
export type RevocationAuthMethod = "client_secret_basic" | "client_secret_post" | "none" | "missing";

/** One request to a revocation endpoint, as the provider saw it (never the token or the secret). */
export interface RevocationRecord {
  provider: ProviderName;
  clientId: string;
  authMethod: RevocationAuthMethod;
  tokenTypeHint: string | null;
  /** The HTTP status answered. */
  status: number;
}

export interface SmtpCounts {
  authAttempts: number;
  authFailures: number;
  messagesAccepted: number;
  messagesRefused: number;
}

/** Requests to one of the fake mail APIs (Graph `sendMail`, Gmail `messages.send`). */
export interface ApiCounts {
  /** Every request to the API, refused or not. */
  requests: number;
  /** Per mailbox the request acted on (Graph: the URL's mailbox; "unknown" when the token was refused). */
  requestsByMailbox: Record<string, number>;
  /** 401 answers (missing, unknown, revoked or expired token). */
  authFailures: number;
  messagesAccepted: number;
  /** Any other refusal after authentication (403, 4xx, 429, 5xx). */
  messagesRefused: number;
}

export interface FakeStatsSnapshot extends EndpointCounts {
  byProvider: Record<ProviderName, EndpointCounts>;
  /** Every revocation request, oldest first. */
  revocations: RevocationRecord[];
  smtp: SmtpCounts;
  graph: ApiCounts;
  gmailApi: ApiCounts;
}

function emptyCounts(): EndpointCounts {
  return {
    authorizationRequests: 0,
    tokenRequests: 0,
    tokenRequestsByGrantType: {},
    refreshRequests: {},
    deviceAuthorizationRequests: 0,
    devicePolls: 0,
    revocationRequests: 0,
  };
}

function emptySmtp(): SmtpCounts {
  return { authAttempts: 0, authFailures: 0, messagesAccepted: 0, messagesRefused: 0 };
}

function emptyApi(): ApiCounts {
  return { requests: 0, requestsByMailbox: {}, authFailures: 0, messagesAccepted: 0, messagesRefused: 0 };
}

function addInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

/** Request counters, so that tests can assert what reached the provider (e.g. exactly one refresh). */
export class FakeStats {
  private counts: Record<ProviderName, EndpointCounts> = { google: emptyCounts(), microsoft: emptyCounts() };
  readonly smtp: SmtpCounts = emptySmtp();
  graph: ApiCounts = emptyApi();
  gmailApi: ApiCounts = emptyApi();
  private revocations: RevocationRecord[] = [];

  recordRevocation(record: RevocationRecord): void {
    this.revocations.push(record);
  }

  of(provider: ProviderName): EndpointCounts {
    return this.counts[provider];
  }

  countToken(provider: ProviderName, grantType: string): void {
    const counts = this.counts[provider];
    counts.tokenRequests += 1;
    counts.tokenRequestsByGrantType[grantType] = (counts.tokenRequestsByGrantType[grantType] ?? 0) + 1;
  }

  countRefresh(provider: ProviderName, email: string | undefined): void {
    const key = email ?? "unknown";
    const { refreshRequests } = this.counts[provider];
    refreshRequests[key] = (refreshRequests[key] ?? 0) + 1;
  }

  reset(): void {
    this.counts = { google: emptyCounts(), microsoft: emptyCounts() };
    Object.assign(this.smtp, emptySmtp());
    this.graph = emptyApi();
    this.gmailApi = emptyApi();
    this.revocations = [];
  }

  snapshot(): FakeStatsSnapshot {
    const total = emptyCounts();
    for (const provider of PROVIDER_NAMES) {
      const counts = this.counts[provider];
      total.authorizationRequests += counts.authorizationRequests;
      total.tokenRequests += counts.tokenRequests;
      total.deviceAuthorizationRequests += counts.deviceAuthorizationRequests;
      total.devicePolls += counts.devicePolls;
      total.revocationRequests += counts.revocationRequests;
      addInto(total.tokenRequestsByGrantType, counts.tokenRequestsByGrantType);
      addInto(total.refreshRequests, counts.refreshRequests);
    }
    return structuredClone({
      ...total,
      byProvider: this.counts,
      revocations: this.revocations,
      smtp: this.smtp,
      graph: this.graph,
      gmailApi: this.gmailApi,
    });
  }
}
