import { DeviceFlowSection } from "@/components/oauth-flow/device-flow-section";
import { FlowResultCard } from "@/components/oauth-flow/flow-result-card";
import { DomainError } from "@/lib/errors/domain-error";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { linkActor } from "@/lib/oauth-flow/flow-actor";
import { loadDevicePage } from "@/lib/oauth-flow/load-device-page";
import { withMessages } from "@/components/i18n/with-messages";

export const dynamic = "force-dynamic";

/** Connect the connect link's mailbox with a code typed on another device, without a portal account. */
async function ConnectLinkDevicePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ grant?: string | string[] }>;
}) {
  const { token } = await params;
  const { grant } = await searchParams;
  const t = await getTranslator();
  const page = await linkActor(token, null)
    .then((actor) =>
      loadDevicePage(actor, actor.link.mailboxId, typeof grant === "string" ? grant : undefined, t),
    )
    .catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    });
  return (
    <div>
      {page ? (
        <DeviceFlowSection
          t={t}
          dates={await getDateConventions(page.timeZone)}
          page={page}
          pollUrl={page.grant ? `/api/oauth/device/${page.grant.id}?link=${encodeURIComponent(token)}` : ""}
          startFields={{ link: token }}
          browserFlowHref={`/api/oauth/authorize?link=${encodeURIComponent(token)}`}
        />
      ) : (
        <FlowResultCard t={t} result={{ outcome: "link_invalid" }} />
      )}
    </div>
  );
}

export default withMessages(["connect"], ConnectLinkDevicePage);
