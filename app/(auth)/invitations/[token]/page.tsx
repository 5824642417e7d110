import Link from "next/link";
import { AcceptAsSignedIn } from "@/components/members/accept-as-signed-in";
import { AcceptInvitationForm } from "@/components/members/accept-invitation-form";
import { RequestNewInvitation } from "@/components/members/request-new-invitation";
import { SwitchAccountButton } from "@/components/members/switch-account-button";
import { passwordRules } from "@/lib/auth/password";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import type { InvitationState } from "@/lib/members/invitation-state";
import { inspectInvitation } from "@/lib/members/inspect-invitation";
import { withMessages } from "@/components/i18n/with-messages";

export const dynamic = "force-dynamic";

const linkClass = "inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700";

async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, view, user] = await Promise.all([getTranslator(), inspectInvitation(token), getSessionUser()]);
  const here = `/invitations/${encodeURIComponent(token)}`;
  const signInHref = `/signin?callbackUrl=${here}`;

  if (view.state !== "valid") {
    const state: Exclude<InvitationState, "valid"> = view.state;
    return (
      <div className="space-y-4" data-testid="invitation-state" data-state={state}>
        <h1 className="text-xl font-semibold">{t(`members.accept.states.${state}`)}</h1>
        <p className="text-slate-700">{t(`members.accept.help.${state}`)}</p>
        {state === "used" && (
          <p>
            <Link href="/signin" className="text-brand-700 underline">
              {t("members.accept.signIn")}
            </Link>
          </p>
        )}
        {(state === "expired" || state === "used") && <RequestNewInvitation token={token} />}
      </div>
    );
  }

  const role = t(`common.roles.${view.role}`);
  const signedInAsInvitee = user?.email === view.email;
  return (
    <div className="space-y-5" data-testid="invitation-state" data-state="valid">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="invitation-tenant">
          {t("members.accept.title", { tenant: view.tenantName })}
        </h1>
        <p className="text-slate-700" data-testid="invitation-email">
          {t("members.accept.invitedAs", { email: view.email, role })}
        </p>
      </header>

      {view.account === "has_password" && !user && (
        <div className="space-y-4">
          <p>{t("members.accept.signInFirst")}</p>
          <Link href={signInHref} className={linkClass} data-testid="accept-sign-in">
            {t("members.accept.signInLink")}
          </Link>
        </div>
      )}
      {view.account === "has_password" && user && signedInAsInvitee && (
        <div className="space-y-4">
          <p>{t("members.accept.signedInAs", { email: user.email })}</p>
          <AcceptAsSignedIn token={token} />
        </div>
      )}
      {user && !signedInAsInvitee && (
        <div className="space-y-3">
          <p
            role="note"
            className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="wrong-account"
          >
            {view.account === "has_password"
              ? t("members.accept.wrongAccount", { current: user.email, email: view.email })
              : t("members.accept.signedInElsewhere", { current: user.email, email: view.email })}
          </p>
          {view.account === "has_password" && <SwitchAccountButton returnTo={here} />}
        </div>
      )}
      {view.account !== "has_password" && (
        <div className="space-y-4">
          <p>{t(view.account === "new" ? "members.accept.newAccount" : "members.accept.setPassword")}</p>
          <AcceptInvitationForm
            token={token}
            nameRequired={view.account === "new"}
            defaultName={view.name}
            passwordMinLength={passwordRules.minLength}
          />
        </div>
      )}
    </div>
  );
}

export default withMessages(["members"], InvitationPage);
