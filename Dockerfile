# syntax=docker/dockerfile:1.7
# Production images for Newsdesk, one per target:
#   docker build --target api   -t newsdesk-api .
#   docker build --target admin -t newsdesk-admin .
# docker-compose.yml builds and runs both (with PostgreSQL and a reverse proxy).
ARG NODE_IMAGE=node:20-slim

# ---- base: Node + the pnpm pinned in package.json ("packageManager"), through corepack.
FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=true \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN corepack enable pnpm
WORKDIR /app

# ---- manifests only, so dependency layers stay cached until a manifest or the lockfile changes.
FROM base AS manifests
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/api/package.json apps/api/
COPY apps/admin/package.json apps/admin/
COPY packages/contracts/package.json packages/contracts/
COPY bench/package.json bench/
COPY scripts/package.json scripts/

# ---- build: all dependencies, then turbo builds contracts, the API (dist/) and the admin (.next/).
FROM manifests AS build
RUN --mount=type=cache,id=newsdesk-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile
COPY . .
RUN pnpm exec turbo run build --filter=@newsdesk/api --filter=@newsdesk/admin \
 && mkdir -p /out/admin \
 && cp -r apps/admin/.next apps/admin/package.json /out/admin/ \
 && cp apps/admin/next.config.* /out/admin/ \
 && cp -r apps/admin/server /out/admin/ \
 && if [ -d apps/admin/public ]; then cp -r apps/admin/public /out/admin/; fi \
 && rm -rf /out/admin/.next/cache

# ---- production dependencies of each app (and of the workspace packages it uses).
FROM manifests AS api-deps
RUN --mount=type=cache,id=newsdesk-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --filter "@newsdesk/api..."

FROM manifests AS admin-deps
RUN --mount=type=cache,id=newsdesk-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --filter "@newsdesk/admin..."

# ---- api: NestJS on Fastify; runs its migrations on start. Probes: GET /health/live (restart when it
# fails) and GET /health/ready (route traffic / wait for it); GET /health answers as readiness.
FROM base AS api
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=api-deps --chown=node:node /app ./
COPY --from=build --chown=node:node /app/packages/contracts/dist packages/contracts/dist
COPY --from=build --chown=node:node /app/apps/api/dist apps/api/dist
USER node
WORKDIR /app/apps/api
EXPOSE 4000
# Liveness: an orchestrator that replaces unhealthy containers must not restart every replica while
# PostgreSQL is down (restarting cannot fix that, and a live replica still serves cached pages).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]

# ---- admin: `next start` through server/server.mjs (it sets X-Forwarded-For from the socket);
# proxies /api to API_URL at run time.
FROM base AS admin
ENV NODE_ENV=production HOSTNAME=0.0.0.0 PORT=3000 API_URL=http://api:4000
COPY --from=admin-deps --chown=node:node /app ./
COPY --from=build --chown=node:node /app/packages/contracts/dist packages/contracts/dist
COPY --from=build --chown=node:node /out/admin apps/admin/
USER node
WORKDIR /app/apps/admin
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/login').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"]
CMD ["node", "server/server.mjs"]
