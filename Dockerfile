# One image for the gateway and the three subgraphs; docker-compose.yml picks the entry point.
# The gateway serves the web app from web/dist, built here too. The Node version is the one
# scripts/lib/node-runtime.mjs pins (test/docker-compose.test.ts keeps them equal).
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
# Every workspace's package.json is needed for `npm ci` to match the lockfile; .dockerignore
# keeps node_modules, dist, .dev, .env and backups out.
COPY . .
RUN npm ci --no-audit --no-fund
RUN npx turbo run build --output-logs=errors-only \
  && npm prune --omit=dev --no-audit --no-fund \
  && mkdir -p .dev

FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1 HOST=0.0.0.0
WORKDIR /app
# Owned by `node`, which runs the services: members writes its dev keys and dev mailbox into
# /app/.dev (the app-dev volume, which takes this ownership when Docker creates it).
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 4001 4002 4003
CMD ["node", "gateway/dist/index.js"]
