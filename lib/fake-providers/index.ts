export { startFakeProviders, type FakeProvidersHandle, type FakeSmtpEndpoint } from "./start-fake-providers";
export type { FakeProvidersControl } from "./fake-control";
export type {
  GoogleFakeEndpoints,
  MicrosoftDirectoryEndpoints,
  MicrosoftFakeEndpoints,
} from "./fake-endpoints";
export type { FakeStatsSnapshot, EndpointCounts, SmtpCounts } from "./fake-stats";
export { SMTP_REPLIES } from "./smtp-replies";
export {
  SMTP_SCOPE,
  type FakeClientRegistration,
  type FakeProvidersOptions,
  type ProviderName,
  type RecordedMessage,
} from "./types";
