#!/usr/bin/env node
// `npm run bench` (and `-- --quick`): prepares like `npm start`, starts the stack on the bench's
// own ports, databases and broker, seeds it, runs the scenarios with their references
// side by side, and writes bench/results/<date>.{json,md,svg}. `-- --only profile,authCost` runs
// only the scenarios named (see SCENARIO_KEYS in lib/config.mjs) into bench/results/partial/.
import { mkdir } from 'node:fs/promises';
import { log } from '../scripts/lib/prepare.mjs';
import { PASSWORD, PORTS, loadConfig } from './lib/config.mjs';
import { applyDatabaseSettings, settleDatabase } from './lib/db-settings.mjs';
import { loginMany } from './lib/graphql.mjs';
import { machineInfo } from './lib/proc.mjs';
import { writeReports } from './lib/report.mjs';
import { seed } from './lib/seed.mjs';
import { launch, prepare, recreateDatabases, stopAll } from './lib/stack.mjs';
import { authCost } from './scenarios/auth-cost.mjs';
import { fanoutScenario } from './scenarios/fanout.mjs';
import { footprintRows, rssNow, shared, stackPids, startTimes } from './scenarios/footprint.mjs';
import { gatewayCost } from './scenarios/gateway-cost.mjs';
import { growthScenario } from './scenarios/growth.mjs';
import { loginScenario } from './scenarios/login.mjs';
import { mixedScenario } from './scenarios/mixed.mjs';
import { pipelineScenario } from './scenarios/pipeline.mjs';
import { profileGateway } from './scenarios/profile.mjs';

const config = loadConfig();
const startedAt = Date.now();
const stack = { procs: {}, extras: [], kafka: null };
const report = {
  config: publicConfig(config),
  machine: machineInfo(),
  startedAt: new Date().toISOString(),
  scenarios: {},
  errors: {},
};
let cleaning = null;
let database = null;

function publicConfig(c) {
  const { signingKeyPem, ...rest } = c;
  void signingKeyPem;
  return { ...rest, ports: PORTS };
}

async function cleanup() {
  cleaning ??= (async () => {
    await stopAll(stack).catch((error) => log(`stopping services: ${error.message}`));
    if (stack.kafka) await stack.kafka.stop().catch(() => {});
    await database
      ?.restore()
      .catch((error) => log(`restoring database settings: ${error.message}`));
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

/** Runs one scenario; a failure is recorded and the run goes on, so one broken part hides nothing else. */
async function scenario(key, title, fn) {
  if (config.only && !config.only.includes(key)) return null;
  log(`scenario ${key}: ${title}`);
  try {
    // Each scenario starts on a written-back database, not in the flush of the one before.
    const settle = await settleDatabase(config.mysqlUrl, log);
    const began = Date.now();
    const result = await fn();
    const seconds = Math.round((Date.now() - began) / 1000);
    report.scenarios[key] = { title, seconds, settle, ...result };
    return result;
  } catch (error) {
    log(`scenario ${key} failed: ${error.stack ?? error}`);
    report.errors[key] = String(error.message ?? error);
    return null;
  }
}

async function loginTokens(ctx) {
  const users = ctx.world.users;
  const step = Math.max(1, Math.floor(users.length / config.tokenUsers));
  const chosen = Array.from(
    { length: config.tokenUsers },
    (_, i) => users[(i * step + 7) % users.length],
  );
  return loginMany(ctx.urls.gateway, chosen, PASSWORD);
}

async function main() {
  await mkdir(config.resultsDir, { recursive: true });
  await mkdir(config.tmpDir, { recursive: true });
  const prepared = await prepare(config);
  database = await applyDatabaseSettings(config.mysqlUrl, log);
  report.database = database.settings;
  stack.kafka = prepared.kafka;
  report.kafkaStartSeconds = prepared.kafkaStartSeconds;
  await recreateDatabases(config);
  await Promise.all(['members', 'activity', 'feed'].map((name) => launch(config, stack, name)));
  const seeded = await seed(config);
  report.seed = { counts: seeded.counts, seconds: seeded.seconds };
  await launch(config, stack, 'gateway');
  const ctx = {
    config,
    stack,
    world: seeded.world,
    urls: {
      gateway: `http://127.0.0.1:${PORTS.gateway}/graphql`,
      members: `http://127.0.0.1:${PORTS.members}/graphql`,
      feed: `http://127.0.0.1:${PORTS.feed}/graphql`,
    },
  };
  ctx.tokens = await loginTokens(ctx);
  log(`logged in ${ctx.tokens.length} users`);
  const idleRss = rssNow(stackPids(ctx));
  const s1 = await scenario(
    'gatewayCost',
    'Gateway cost: ours vs plain ApolloGateway, Hive Gateway, subgraph direct',
    () => gatewayCost(ctx),
  );
  void s1;
  const profile = await scenario(
    'profile',
    'CPU profile of our gateway under the home-feed load',
    () => profileGateway(ctx),
  );
  await scenario('authCost', 'Auth cost: token verification cold vs warm vs raw jwt.verify', () =>
    authCost(ctx, profile),
  );
  await scenario('login', 'Login throughput vs raw argon2id; feed p99 while logins saturate', () =>
    loginScenario(ctx),
  );
  const mixed = await scenario('mixed', 'Mixed workload 60/30/10 at increasing rates', () =>
    mixedScenario(ctx, stackPids(ctx)),
  );
  await scenario(
    'pipeline',
    'Event pipeline: outbox relay and feed consumer vs the kafkajs client’s own limits',
    () => pipelineScenario(ctx),
  );
  await scenario('fanout', 'Fan-out on write vs bare batched inserts; time to visible', () =>
    fanoutScenario(ctx),
  );
  await scenario('growth', 'How cost grows: merged authors, followers, table size', () =>
    growthScenario(ctx),
  );
  const brokers = stack.kafka.brokers;
  const sharedRss = shared();
  await stopAll({ ...stack, extras: [] });
  await scenario(
    'footprint',
    'Footprint: RSS idle and under the mixed load; npm start time',
    async () => {
      if (!mixed) throw new Error('no mixed-load RSS samples (the mixed scenario failed)');
      const start = await startTimes(config, brokers);
      return {
        idleRssMiB: idleRss,
        mixedPeakRssMiB: mixed.peakRssMiB,
        sharedInfraRssMiB: sharedRss,
        start,
        rows: footprintRows(idleRss, mixed.peakRssMiB, start, report.kafkaStartSeconds),
      };
    },
  );
  report.totalSeconds = Math.round((Date.now() - startedAt) / 1000);
}

let code = 0;
try {
  await main();
} catch (error) {
  log(`bench failed: ${error.stack ?? error}`);
  report.errors.harness = String(error.message ?? error);
  code = 1;
} finally {
  await cleanup();
}
// Every scenario with a table row; the profile is part of the deliverable and must exist too.
const TABLED = [
  'gatewayCost',
  'authCost',
  'login',
  'fanout',
  'pipeline',
  'mixed',
  'footprint',
  'growth',
];
const SCENARIOS = config.only ? TABLED.filter((key) => config.only.includes(key)) : TABLED;
const produced = SCENARIOS.filter((key) => report.scenarios[key]?.rows?.length > 0).length;
if (Object.keys(report.scenarios).length > 0) {
  const files = await writeReports(config, report);
  log(`results: ${files.join(', ')}`);
}
const profileWanted = !config.only || config.only.includes('profile');
if (produced < SCENARIOS.length || (profileWanted && !report.scenarios.profile)) code = 1;
process.stdout.write(`bench: ${produced} scenarios produced numbers\n`);
process.exit(code);
