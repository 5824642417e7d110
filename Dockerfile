# syntax=docker/dockerfile:1
# One image for every Relais process (docs/deploy.md): the portal by default, and by command
# the outbox worker (node --max-semi-space-size=16 --heap-growing-percent=50 dist/worker.mjs),
# the SMTP relay (node dist/relay.mjs), the migrations (node dist/db-migrate.mjs), the operator
# command line (node dist/relais.mjs) and the health checks (node dist/healthcheck.mjs
# portal|worker|relay). PostgreSQL only.
# .ci/run runs the same commands without Docker (scripts/ci-image-check.sh).

# 1. Dependencies. npm ci runs `prisma generate` (postinstall), which reads the schema.
FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/
COPY scripts/prisma-generate.mjs scripts/schema-engine-stand-in.sh scripts/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# 2. Build: Next's standalone server, and the other processes bundled with esbuild.
FROM node:22-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/lib/db/generated ./lib/db/generated
RUN RELAIS_STANDALONE=1 npx next build \
 && node scripts/bundle-scripts.mjs dist \
 && mkdir -p public

# 3. Runtime: no npm install, no sources, no compiler; files owned by root, run as `node`.
FROM node:22-slim AS runtime
LABEL org.opencontainers.image.title="Relais" org.opencontainers.image.licenses="AGPL-3.0-only"
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/dist ./dist
# Next's cache is the one place the portal writes to.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000 587 465
# No HEALTHCHECK here: each process has its own (compose.yaml).
# Node's flags: scripts/node-flags.ts (memory, bench/README.md); the same in package.json's start.
CMD ["node", "--heap-growing-percent=50", "server.js"]
