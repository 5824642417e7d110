// Node's (V8's) flags of the long-running processes, written where each is launched: package.json
// (`npm run worker`, `npm start`), compose.yaml and the Dockerfile (the image), the benchmarks
// (bench/outbox/run-workers.ts, bench/api/portal-process.ts). tests/unit/node-flags.test.ts
// checks that every launch says the same. Why these values: bench/README.md, "Worker memory" and
// "API load and portal memory".

/**
 * The outbox worker (bundled, as `npm run worker` and the image run it). The young generation
 * pinned at 2 × 16 MiB, and the old generation grown by 50 % over what a full collection left
 * instead of up to 4 times: the worker's garbage (each mail's rows, MIME and SMTP exchange) no
 * longer piles up to 100 MiB between collections. Stricter settings (8 MiB, 20 %) kept it 25 MiB
 * smaller but spent about an eighth more CPU per mail in collections (bench/README.md, "The worker
 * as production runs it").
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=16", "--heap-growing-percent=50"];

/**
 * The portal's production server (`next start`, `node server.js` in the image): the old
 * generation grown by 50 % over what a full collection left. Each API request's objects outlive
 * a few young collections (the request waits on the database) and land there; without this the
 * heap grew to 250 MiB of them over a live 70 MiB before a full collection. (A smaller young
 * generation, as the worker's, made the portal's collections cost much more.)
 */
export const PORTAL_NODE_FLAGS = ["--heap-growing-percent=50"];
