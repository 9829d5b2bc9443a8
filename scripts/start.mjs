#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds, starts Kafka (unless KAFKA_BROKERS is
// set), creates the databases, starts the three subgraphs and the gateway, prints the GraphQL
// URL, and stops everything on Ctrl-C or SIGTERM (scripts/lib/launcher.mjs). One progress line
// per step with its time, since a first run spends minutes in npm ci, the build and Maven.
// Node built-ins only until dependencies are installed.
import {
  build,
  checkServices,
  ensureDatabases,
  ensureInstalled,
  ensureKafka,
  log,
  step,
} from './lib/prepare.mjs';
import { createLauncher } from './lib/launcher.mjs';

const startedAt = Date.now();
const launcher = createLauncher({ log });

async function main() {
  await step('check MariaDB/MySQL and Redis', checkServices);
  await step('install', ensureInstalled);
  await step('build', build);
  const kafka = await ensureKafka({ dataDir: '.dev/kafka', port: 9092, controllerPort: 9093 });
  launcher.onStopped(() => kafka.stop());
  if (launcher.stopping) return;
  const env = {
    ...process.env,
    KAFKA_BROKERS: kafka.brokers,
    APOLLO_TELEMETRY_DISABLED: '1',
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  await step('databases', () => ensureDatabases(env));
  const { logFormat } = await import('./lib/pretty.mjs');
  const format = await logFormat(env);
  let port;
  await step('services', async () => {
    port = await launcher.launchAll(env, { format });
    return 'members, activity, feed, then the gateway';
  });
  log(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  process.stdout.write(`\nGraphQL API: http://127.0.0.1:${port}/graphql\n\n`);
}

main().catch((error) => {
  process.stderr.write(`[stack] ${error.message}\n`);
  void launcher.stop(1);
});
