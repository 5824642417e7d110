import http from "node:http";
import type { AddressInfo } from "node:net";
import { installApiFastPath } from "../../lib/api/api-fast-path";

// A server standing in for Next.js's, in a process of its own (the fast path wraps every HTTP
// server of its process): it answers 418 "next" to whatever reaches its listener. DATABASE_URL
// names the test's database. Prints "listening <port>".
const server = http.createServer((_request, response) => {
  response.writeHead(418, { "content-type": "text/plain" }).end("next");
});
installApiFastPath();
installApiFastPath();
server.listen(0, "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
