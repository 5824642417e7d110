import Link from "next/link";
import { LinkContinueButton } from "@/components/auth/link-continue-button";
import { inspectSignInLink } from "@/lib/auth/sign-in-links";
import { getTranslator } from "@/lib/i18n/server";
import { withMessages } from "@/components/i18n/with-messages";

export const dynamic = "force-dynamic";

const messageOf = {
  expired: "auth.link.expired",
  used: "auth.link.used",
  unknown: "auth.link.unknown",
} as const;

async function SignInLinkPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslator();
  const state = token ? await inspectSignInLink(token) : "unknown";
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("auth.link.title")}</h1>
      {state === "valid" && token ? (
        <LinkContinueButton token={token} />
      ) : (
        <div role="alert" className="space-y-2 text-sm">
          <p>{t(messageOf[state === "valid" ? "unknown" : state])}</p>
          <Link
            href="/signin"
            data-testid="link-request-new"
            className="font-medium text-brand-700 underline"
          >
            {t("auth.link.requestNew")}
          </Link>
        </div>
      )}
    </div>
  );
}

export default withMessages(["auth"], SignInLinkPage);
