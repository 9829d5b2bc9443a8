# One image for the gateway and the three subgraphs; docker-compose.yml picks the entry point.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
RUN npm ci --no-audit --no-fund
RUN npx turbo run build --output-logs=errors-only && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
COPY schema ./schema
USER node
EXPOSE 4000 4001 4002 4003
CMD ["node", "gateway/dist/index.js"]
