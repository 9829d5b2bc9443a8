#!/usr/bin/env node
// `npm test`: the same preparation as `npm start` (install, build, a Kafka broker of its own on
// ports 19092/19093 unless KAFKA_BROKERS is set), then the static checks (schema, migrations,
// types, ESLint, Prettier: seconds to a minute, no services but MariaDB) and, when they pass, every jest test: unit,
// integration against the real MariaDB, Redis and Kafka, schema checks, browser. Extra arguments
// go to jest (e.g. `npm test -- --selectProjects members`). Results: .dev/test-results.json
// (jest) and .dev/check-results.json (the static checks).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromiumFacts, chromiumPlan } from './lib/chromium.mjs';
import {
  build,
  checkServices,
  ensureInstalled,
  ensureKafka,
  log,
  root,
  run,
  step,
} from './lib/prepare.mjs';

const jestArgs = process.argv.slice(2);
let kafka = null;

async function main() {
  await step('check MariaDB/MySQL and Redis', checkServices);
  await ensureChromium();
  await step('install', ensureInstalled);
  await step('build', build);
  await step('static checks', staticChecks);
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

/** Before anything slow: a missing browser is installed (root + apt) or reported in one line. */
async function ensureChromium() {
  const plan = chromiumPlan(chromiumFacts(jestArgs));
  if (plan.action === 'stop') throw new Error(plan.message);
  if (plan.action !== 'install') return;
  log('installing chromium for the browser tests (apt-get, as .ci/run does)');
  try {
    await run('sh', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
    ]);
  } catch (error) {
    throw new Error(
      `Chromium could not be installed (${error.message}): install it with \`apt-get install chromium\`, or leave the browser tests out with \`npm test -- --ignoreProjects web-e2e\``,
    );
  }
}

/**
 * Every check runs even when an earlier one fails, so one run shows all there is to fix; any
 * failure stops `npm test` before the slow suites start.
 */
async function staticChecks() {
  const turboEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
  const checks = [
    ['schema', 'npm', ['run', '--silent', 'schema:check']],
    ['migrations', 'npm', ['run', '--silent', 'migration:check']],
    ['typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], turboEnv],
    ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
    ['format', 'npx', ['prettier', '--check', '--log-level=warn', '.']],
  ];
  const results = [];
  for (const [name, command, args, env] of checks) {
    log(`check: ${name}`);
    try {
      await run(command, args, env ? { env } : {});
      results.push({ name, passed: true });
    } catch {
      results.push({ name, passed: false });
    }
  }
  const failed = results.filter((result) => !result.passed).map((result) => result.name);
  mkdirSync(path.join(root, '.dev'), { recursive: true });
  writeFileSync(
    path.join(root, '.dev', 'check-results.json'),
    `${JSON.stringify({ passed: results.length - failed.length, failed: failed.length, results })}\n`,
  );
  if (failed.length > 0) {
    rmSync(path.join(root, '.dev', 'test-results.json'), { force: true });
    throw new Error(
      `static checks failed: ${failed.join(', ')} (\`npx eslint --fix .\` and \`npm run format\` fix most)`,
    );
  }
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
