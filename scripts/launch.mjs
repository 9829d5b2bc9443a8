#!/usr/bin/env node
// The launcher alone: the already built services against the servers in the environment
// (KAFKA_BROKERS required), without install, build or a broker of its own. `npm start` is this
// after its preparation; the signal tests (test/signals.test.ts) run it directly.
import { createLauncher } from './lib/launcher.mjs';
import { log } from './lib/prepare.mjs';
import { logFormat } from './lib/pretty.mjs';

const launcher = createLauncher({ log });
if (!process.env.KAFKA_BROKERS) {
  process.stderr.write(
    '[stack] scripts/launch.mjs needs KAFKA_BROKERS (npm start starts a broker)\n',
  );
  process.exit(2);
}
try {
  const env = { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' };
  const port = await launcher.launchAll(env, { format: await logFormat(env) });
  log('ready');
  process.stdout.write(`\nGraphQL API: http://127.0.0.1:${port}/graphql\n\n`);
} catch (error) {
  process.stderr.write(`[stack] ${error.message}\n`);
  void launcher.stop(1);
}
