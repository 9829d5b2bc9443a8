#!/usr/bin/env node
// `npm run kafka -- start|stop|status`: the project's local broker on its own, e.g. to keep one
// running across test runs (then export KAFKA_BROKERS=127.0.0.1:9092).
import path from 'node:path';
import { ensureKafkaJars, kafkaStatus, startKafka, stopKafka } from './lib/kafka/index.mjs';
import { log, root } from './lib/prepare.mjs';

const dataDir = path.join(root, '.dev', 'kafka');
const command = process.argv[2] ?? 'status';

if (command === 'start') {
  await ensureKafkaJars({ root, log });
  const broker = await startKafka({ root, dataDir, log });
  log(
    `Kafka broker at ${broker.brokers} (pid ${broker.pid}); stop it with \`npm run kafka -- stop\``,
  );
  process.exit(0);
} else if (command === 'stop') {
  log((await stopKafka({ root, dataDir, log })) ? 'stopped' : 'no broker was running');
} else {
  log(JSON.stringify(await kafkaStatus({ root, dataDir })));
}
