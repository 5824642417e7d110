import type { Translator } from "@/lib/i18n/translate";
import type { DeviceView } from "./poll-device-authorization";
import { resultMessage } from "./result-message";

export type DeviceStatusBody = {
  status: DeviceView["status"];
  userCode: string;
  verificationUri: string;
  /** What the page shows under the code, in the person's language. */
  message: string;
  /** Set once the grant is over. */
  title?: string;
  outcome?: string;
};

/** The JSON the device page polls for (and renders first on the server). */
export function deviceStatusBody(t: Translator, view: DeviceView): DeviceStatusBody {
  const base = { status: view.status, userCode: view.userCode, verificationUri: view.verificationUri };
  if (!view.result) return { ...base, message: t("connect.device.status.pending") };
  const { title, body } = resultMessage(t, view.result);
  return { ...base, message: body, title, outcome: view.result.outcome };
}
