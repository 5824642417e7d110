import type { ProviderName } from "./types";

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const BRAND: Record<ProviderName, { title: string; colour: string }> = {
  google: { title: "Google (fake)", colour: "#1a73e8" },
  microsoft: { title: "Microsoft (fake)", colour: "#0067b8" },
};

/** A plain, script-free page: the fakes' forms work with JavaScript disabled. */
export function htmlPage(provider: ProviderName, heading: string, body: string): string {
  const brand = BRAND[provider];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} – ${brand.title}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#202124}
header{color:${brand.colour};font-weight:600;margin-bottom:1rem}
label{display:block;margin:.5rem 0}
input[type=email],input[type=text]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin:1rem .5rem 0 0;padding:.5rem 1rem;font-size:1rem}
.error{color:#d93025}
</style>
</head>
<body>
<header>${brand.title}</header>
<main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>`;
}
