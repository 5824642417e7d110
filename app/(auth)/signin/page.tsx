import { redirect } from "next/navigation";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { LinkRequestForm } from "@/components/auth/link-request-form";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { withMessages } from "@/components/i18n/with-messages";

export const dynamic = "force-dynamic";

async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; signedOut?: string }>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslator();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">{t("auth.signIn.title")}</h1>
      {params.signedOut && (
        <p role="status" className="text-sm text-slate-600">
          {t("auth.signIn.signedOut")}
        </p>
      )}
      {/* `npm run demo` only: its accounts are printed in the terminal, and here for whoever opens the page. */}
      {process.env.RELAIS_DEMO === "true" && <DemoAccounts t={t} />}
      <SignInForm callbackUrl={callbackUrl} />
      <hr className="border-slate-200" />
      <LinkRequestForm />
    </div>
  );
}

export default withMessages(["auth"], SignInPage);
