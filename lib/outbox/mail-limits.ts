import type { OAuthProviderKind } from "@/lib/db/generated/enums";

const MiB = 1024 * 1024;

function positiveInt(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Whole message (bodies, subject, addresses, attachments), RELAIS_MAX_MESSAGE_BYTES. */
export function maxMessageBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.RELAIS_MAX_MESSAGE_BYTES, 10 * MiB);
}

/** One attachment, RELAIS_MAX_ATTACHMENT_BYTES. */
export function maxAttachmentBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.RELAIS_MAX_ATTACHMENT_BYTES, 5 * MiB);
}

export type ProviderFamily = "google" | "microsoft";

/** Custom configurations are judged like Google, the stricter of the two. */
export function providerFamily(provider: OAuthProviderKind): ProviderFamily {
  return provider === "microsoft" || provider === "platform_microsoft" ? "microsoft" : "google";
}

/** Recipients (to + cc + bcc) per message over SMTP: Google 100, Microsoft 500. */
export function maxRecipientsPerMessage(family: ProviderFamily): number {
  return family === "microsoft" ? 500 : 100;
}

export const MAX_SUBJECT_LENGTH = 998;
export const MAX_ATTACHMENTS = 20;
