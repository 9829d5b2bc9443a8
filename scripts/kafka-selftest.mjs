// Manual check of scripts/lib/kafka/ against a real broker:
//   node scripts/kafka-selftest.mjs [port] [controllerPort]
// Fetches the jars if needed, starts a broker on 29092/29093 (data in <tmp>/kafka-selftest),
// prints status and timings, then stops it. Run it twice to cover a cold format and a warm restart.

import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ensureKafkaJars, kafkaStatus, startKafka } from './lib/kafka/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.argv[2] ?? 29092);
const controllerPort = Number(process.argv[3] ?? port + 1);
const dataDir = path.join(os.tmpdir(), 'kafka-selftest');
const say = (...parts) =>
  process.stdout.write(
    `${parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}\n`,
  );
const log = (message) => say(`[kafka] ${message}`);
const since = (t0) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

async function main() {
  let t0 = performance.now();
  const { version, fetched } = await ensureKafkaJars({ root, log });
  say(`jars: Kafka ${version} ${fetched ? 'fetched' : 'already cached'} (${since(t0)})`);

  t0 = performance.now();
  const broker = await startKafka({ root, dataDir, port, controllerPort, log });
  say(`ready: ${broker.brokers} pid ${broker.pid} in ${since(t0)}`);
  // Ctrl-C reaches the JVM too (same process group), but stop explicitly to clean the pid file.
  process.once('SIGINT', () => broker.stop().finally(() => process.exit(130)));
  say('status:', await kafkaStatus({ dataDir, port }));

  t0 = performance.now();
  await broker.stop();
  say(`stopped in ${since(t0)}`);
  say('status:', await kafkaStatus({ dataDir, port }));
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
