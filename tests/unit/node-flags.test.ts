import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PORTAL_NODE_FLAGS, WORKER_NODE_FLAGS } from "../../scripts/node-flags";

// Node's flags of the worker and the portal are written where each process is launched; they
// must agree with scripts/node-flags.ts, which the benchmarks, the demo and the browser tests use.

const read = (file: string) => readFileSync(file, "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

describe("Node's flags at every launch", () => {
  it("npm run worker (the bundled worker, as in the image), worker:dev and npm start pass them to Node", () => {
    expect(scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(" ")} dist/worker.mjs`);
    expect(scripts["worker:dev"]).toBe(`tsx ${WORKER_NODE_FLAGS.join(" ")} scripts/worker.ts`);
    expect(scripts.start).toBe(
      `node ${PORTAL_NODE_FLAGS.join(" ")} node_modules/next/dist/bin/next start --hostname 127.0.0.1`,
    );
  });

  it("the image's portal and compose's worker have the same", () => {
    const asJson = (args: string[]) => JSON.stringify(args).replaceAll(",", ", ");
    expect(read("Dockerfile")).toContain(`CMD ${asJson(["node", ...PORTAL_NODE_FLAGS, "server.js"])}`);
    expect(read("compose.yaml")).toContain(
      `command: ${asJson(["node", ...WORKER_NODE_FLAGS, "dist/worker.mjs"])}`,
    );
  });

  it("the image check runs those commands", () => {
    const check = read("scripts/ci-image-check.sh");
    expect(check).toContain(`start portal node ${PORTAL_NODE_FLAGS.join(" ")} server.js`);
    expect(check).toContain(`start worker node ${WORKER_NODE_FLAGS.join(" ")} dist/worker.mjs`);
  });
});
