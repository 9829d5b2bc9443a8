#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds, starts Kafka (unless KAFKA_BROKERS is
// set), the three subgraphs and the gateway, prints the GraphQL URL, and stops everything on
// Ctrl-C or SIGTERM. Node built-ins only until dependencies are installed.
import { build, checkServices, ensureInstalled, ensureKafka, log } from './lib/prepare.mjs';
import {
  SERVICES,
  opsPortOf,
  portOf,
  startService,
  stopServices,
  waitReady,
} from './lib/services.mjs';

const startedAt = Date.now();
const procs = [];
let kafka = null;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await stopServices([...procs].reverse());
  if (kafka) await kafka.stop();
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  await checkServices();
  await ensureInstalled();
  await build();
  kafka = await ensureKafka({ dataDir: '.dev/kafka', port: 9092, controllerPort: 9093 });
  const env = {
    ...process.env,
    KAFKA_BROKERS: kafka.brokers,
    APOLLO_TELEMETRY_DISABLED: '1',
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  const launch = (service) => {
    const proc = startService(service, env);
    procs.push(proc);
    proc.exited.then(({ code, signal }) => {
      if (stopping) return;
      log(`${service.name} exited unexpectedly (${signal ?? code}); stopping the stack`);
      void shutdown(1);
    });
    return waitReady(proc, opsPortOf(service, env));
  };
  // Subgraphs first, in parallel; the gateway last, so its readiness means the whole stack is up.
  await Promise.all(SERVICES.slice(0, -1).map(launch));
  await launch(SERVICES[SERVICES.length - 1]);
  const gatewayPort = portOf(SERVICES[SERVICES.length - 1], env);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  log(`ready in ${seconds} s`);
  process.stdout.write(`\nGraphQL API: http://127.0.0.1:${gatewayPort}/graphql\n\n`);
}

main().catch((error) => {
  process.stderr.write(`[stack] ${error.message}\n`);
  void shutdown(1);
});
