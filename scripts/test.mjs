#!/usr/bin/env node
// `npm test`: the same preparation as `npm start` (install, build, a Kafka broker of its own on
// ports 19092/19093 unless KAFKA_BROKERS is set), then type checks and every jest test: unit,
// integration against the real MariaDB, Redis and Kafka, schema checks. Extra arguments go to
// jest (e.g. `npm test -- --selectProjects members`). Results: .dev/test-results.json.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  build,
  checkServices,
  ensureInstalled,
  ensureKafka,
  log,
  root,
  run,
} from './lib/prepare.mjs';

const jestArgs = process.argv.slice(2);
let kafka = null;

async function main() {
  await checkServices();
  await ensureInstalled();
  await build();
  // Seconds and no servers: a schema mistake fails before anything slow starts.
  await run('npm', ['run', '--silent', 'schema:check']);
  await run('npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  kafka = await ensureKafka({ dataDir: '.dev/kafka-test', port: 19092, controllerPort: 19093 });
  mkdirSync(path.join(root, '.dev'), { recursive: true });
  const results = path.join(root, '.dev', 'test-results.json');
  log('running jest');
  let failed = false;
  try {
    await run('npx', ['jest', '--json', `--outputFile=${results}`, ...jestArgs], {
      env: {
        ...process.env,
        KAFKA_BROKERS: kafka.brokers,
        APOLLO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    });
  } catch {
    failed = true;
  }
  await kafka.stop();
  process.exit(failed ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (kafka) await kafka.stop();
    process.exit(130);
  });
}

main().catch(async (error) => {
  process.stderr.write(`[test] ${error.message}\n`);
  if (kafka) await kafka.stop();
  process.exit(1);
});
