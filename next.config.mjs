import { readFileSync } from "node:fs";

// Also written by the submission's fast path, which answers before Next.js (lib/api/api-fast-path.ts).
/** @type {Record<string, string>} */
const everyResponseHeaders = JSON.parse(
  readFileSync(new URL("./lib/http/every-response-headers.json", import.meta.url), "utf8"),
);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files at run time; bundling breaks that.
  // smtp-server: the embedded first run starts the SMTP relay in the web process.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "smtp-server",
  ],
  // Without this the development server refuses /_next assets to 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // The container image builds with RELAIS_STANDALONE=1: a self-contained server in
  // .next/standalone (docs/deploy.md). Off otherwise, for `next start` (npm run demo, tests).
  ...(process.env.RELAIS_STANDALONE === "1" ? { output: "standalone" } : {}),
  // Composed mail with attachments goes through a server action: room for the
  // largest message (RELAIS_MAX_MESSAGE_BYTES, 10 MiB by default) as a form.
  experimental: { serverActions: { bodySizeLimit: "16mb" } },
  // Headers that never vary, on every response including static files. The proxy (proxy.ts) adds
  // the Content-Security-Policy with its per-request nonce, HSTS, and replaces the referrer policy
  // on the OAuth and connect-link pages (docs/security-headers.md).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(everyResponseHeaders).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
