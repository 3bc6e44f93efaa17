# syntax=docker/dockerfile:1
#
# One image for every service of the platform (docs/decisions/0010-containers.md). The services
# share one package.json and one lockfile (npm workspaces), and `node tools/build/compile.cjs`
# compiles all of apps/ and libs/ at once, so one image serves them all; docker-compose.yml gives
# each service its own command:
#
#   node <forensics.nodeArgs of apps/<name>/package.json> dist/apps/<name>/src/main.js
#
# Platform: linux on glibc (Debian bookworm). `npm ci` installs the prebuilt native parts as
# optional dependencies for the platform it runs on: sharp's libvips (@img/sharp-linux-x64) and
# the static ffmpeg (@ffmpeg-installer/linux-x64). Both exist for linux-arm64 too, but only
# linux-x64 has been exercised; musl (Alpine) is not supported.
#
# Build alone:  docker build -t forensics-platform:local .

ARG NODE_IMAGE=node:20-bookworm-slim

# --- manifests: package.json files and the lockfile only, so that the `npm ci` layers below are
# reused from the cache for as long as no dependency changes, whatever source file changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package-lock.json /manifests/ \
 && find . -name package.json -not -path './node_modules/*' -exec cp --parents '{}' /manifests/ ';'

# --- build: every dependency (the compiler, @swc/core, is a dev dependency), then dist/.
# --ignore-scripts: no dependency needs its install script (the native parts are prebuilt
# optional packages, ffmpeg's executable bit is in its tarball); the project's machines, whose
# npm 11 runs none by default, work so.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node tools/build/compile.cjs

# --- production dependencies only: what dist/ requires at run time is in `dependencies`
# (tools/docker/compose-config.int.spec.ts checks every require of dist/ against that list).
# The workspace links (node_modules/@forensics/*) point at apps/ and libs/ sources that the
# runtime image does not hold, and nothing needs them: compile.cjs rewrites every @forensics/*
# import into a relative path inside dist/.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/@forensics \
 && npm cache clean --force

# --- runtime: node_modules (production) and dist/, run as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    BLOB_DIR=/var/lib/forensics/blobs
WORKDIR /app
# The blob directory belongs to `node`, so that a new named volume mounted there does too.
RUN mkdir -p /var/lib/forensics/blobs && chown -R node:node /var/lib/forensics
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
# No default service: docker-compose.yml (or `docker run ... node dist/apps/<name>/src/main.js`) names one.
CMD ["node", "-e", "console.error('Name a service: node dist/apps/<ingest|relay|projection|analysis-worker|gateway>/src/main.js'); process.exit(64)"]
