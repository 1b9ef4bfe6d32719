# The app image: one image, three roles chosen by the command (api, worker, migrate).
#
# TypeScript runs through tsx, a production dependency, rather than compiled JS: scripts and the
# Prisma config are TypeScript too, so one source tree serves `npm start`, the tests and
# production. The worker's workflow bundle is built here once (WORKFLOW_BUNDLE), not at start-up.
# `node --import tsx` keeps it one process, so SIGTERM reaches our shutdown handlers directly.

# 1. Every dependency, for building. Install scripts are skipped: the postinstall would fetch the
#    Temporal dev binaries, which production does not use; prisma generate runs below.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# 2. Generate the Prisma client, build the admin UI (when the project has one), then drop the
#    dev dependencies so only production ones are carried over.
FROM deps AS build
COPY . .
RUN node_modules/.bin/prisma generate \
 && npm run build --if-present \
 && node --import tsx worker/workflowBundle.ts dist/workflows/bundle.js \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# 3. Runtime: production dependencies, sources, generated client, built UI. MALLOC_ARENA_MAX=2:
#    glibc keeps a malloc arena per thread (V8, workflow threads, the Temporal core) and holds
#    freed memory in each; two arenas cut the worker's RSS (docs/reliability.md). Files stay owned by
#    root and the process runs as the unprivileged `node` user, so it cannot change its own code.
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    CHECKPOINT_DISABLE=1 \
    WORKFLOW_BUNDLE=/app/dist/workflows/bundle.js \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app /app
# The ledger anchors' directory, the one place the app writes: a named volume mounted here starts
# out owned by `node` (docs/evidence.md).
RUN mkdir -p /var/lib/nitd/ledger-anchors && chown node:node /var/lib/nitd/ledger-anchors && chmod 750 /var/lib/nitd/ledger-anchors
USER node
EXPOSE 3000 9464
CMD ["node", "--import", "tsx", "api/server.ts"]
