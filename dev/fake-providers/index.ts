export { startFakeProviders, type FakeProvidersHandle, type FakeSmtpEndpoint } from "./start-fake-providers";
export type { FakeProvidersControl } from "./fake-control";
export type {
  GoogleFakeEndpoints,
  MicrosoftDirectoryEndpoints,
  MicrosoftFakeEndpoints,
} from "./fake-endpoints";
export type { FakeStatsSnapshot, EndpointCounts, SmtpCounts, ApiCounts } from "./fake-stats";
export type { ApiFailure, ThrottleOptions } from "./api-switches";
export { SMTP_REPLIES } from "./smtp-replies";
export { GRAPH_ERRORS } from "./graph-answers";
export { GMAIL_ERRORS } from "./gmail-answers";
export { GRAPH_MAX_CONCURRENT_REQUESTS, GRAPH_MAX_REQUEST_BYTES } from "./graph-api";
export {
  SMTP_SCOPE,
  type FakeClientRegistration,
  type FakeProvidersOptions,
  type FakeTransportName,
  type ProviderName,
  type RecordedMessage,
} from "./types";
