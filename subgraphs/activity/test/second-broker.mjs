// Runs a throwaway Kafka broker for a test, in its own Node process: Jest's CommonJS sandbox
// cannot import() the ES module scripts/lib/kafka/index.mjs, a plain Node process can.
// Usage: node second-broker.mjs '{"dataDir": "...", "port": 23456, "controllerPort": 23457}'
// Prints `ready <brokers>` once it serves, and stops the broker (SIGTERM, clean shutdown)
// when its stdin closes, so a test that dies never leaves a broker behind.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { startKafka } = await import(
  pathToFileURL(path.join(root, 'scripts', 'lib', 'kafka', 'index.mjs')).href
);
const options = JSON.parse(process.argv[2] ?? '{}');
const broker = await startKafka({ root, ...options });
process.stdout.write(`ready ${broker.brokers}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await broker.stop();
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
