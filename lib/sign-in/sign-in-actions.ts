"use server";

import { z } from "zod";
import { publicAction } from "@/lib/actions/define-action";
import { getLocale } from "@/lib/i18n/server";
import { requestSignInLink } from "@/lib/auth/sign-in-links";

const linkRequest = z.object({
  email: z.email({ error: "errors.validation.email" }).max(254, { error: "errors.validation.tooLong" }),
});

/** Answers the same whether or not the address has an account. */
export const requestSignInLinkAction = publicAction(linkRequest, async ({ email }) => {
  await requestSignInLink(email, await getLocale());
  return { sent: true };
});
