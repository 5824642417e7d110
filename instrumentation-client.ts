import { config } from "zod";

// Runs in the browser before the app's own modules (Next.js's instrumentation-client
// convention). Zod compiles object parsers with `new Function` after probing whether
// eval is allowed; the Content-Security-Policy forbids eval (docs/security-headers.md)
// and browsers report even that caught probe as a violation. Parsing without the
// compiled fast path is what zod falls back to anyway under the policy.
config({ jitless: true });
