import { publicUrl } from "@/lib/config/public-url";
import { browserBindingSetCookie } from "./browser-binding";
import { resultPath, type FlowResult } from "./flow-result";

/** A 303 to a path of this portal or to a provider; never cached (it carries single-use values). */
export function seeOther(location: string, binding?: string): Response {
  const headers = new Headers({
    Location: new URL(location, `${publicUrl()}/`).toString(),
    "Cache-Control": "no-store",
  });
  if (binding) headers.append("Set-Cookie", browserBindingSetCookie(binding));
  return new Response(null, { status: 303, headers });
}

export function showResult(result: FlowResult): Response {
  return seeOther(resultPath(result));
}
