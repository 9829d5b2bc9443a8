// Everything a run depends on, in one place: mode sizes, ports, databases and the services' env.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { root } from '../../scripts/lib/prepare.mjs';

export { root };

export const PORTS = {
  gateway: 4300,
  members: 4301,
  activity: 4302,
  feed: 4303,
  plainGateway: 4311,
  hiveGateway: 4312,
  profiledGateway: 4313,
  // Operations ports (/readyz, /metrics) of the services above.
  gatewayOps: 4320,
  membersOps: 4321,
  activityOps: 4322,
  feedOps: 4323,
  profiledGatewayOps: 4324,
  // Our gateway again, with tracing on (gateway cost: tracing on vs off).
  tracedGateway: 4314,
  tracedGatewayOps: 4325,
  kafka: 29092,
  kafkaController: 29093,
  // `npm start` time is measured on a stack of its own.
  startGateway: 4400,
  startMembers: 4401,
  startActivity: 4402,
  startFeed: 4403,
  startGatewayOps: 4420,
  startMembersOps: 4421,
  startActivityOps: 4422,
  startFeedOps: 4423,
};

export const DATABASES = {
  members: 'bench_members',
  activity: 'bench_activity',
  feed: 'bench_feed',
};
export const START_DATABASES = {
  members: 'bench_start_members',
  activity: 'bench_start_activity',
  feed: 'bench_start_feed',
};

/** Bench password of every seeded account: its argon2id hash is computed once and shared. */
export const PASSWORD = 'bench-password-42';

const FULL = {
  mode: 'full',
  users: 10_000,
  posts: 100_000,
  likes: 100_000,
  comments: 20_000,
  avgFollows: 12,
  // Share of all members following each celebrity: authors above FEED_FANOUT_MAX_FOLLOWERS.
  celebrityShares: [0.35, 0.25, 0.18, 0.13, 0.11],
  fanoutMaxFollowers: 1000,
  tokenUsers: 200,
  warmupSeconds: 20,
  runSeconds: 10,
  connections: 16,
  fanoutPosts: 30,
  fanoutFollowers: 10_000,
  pipelineEvents: 30_000,
  // Open loop, at least 30 s per step (issue #17): past saturation the run stops early.
  mixedRates: [10, 25, 50, 75, 100, 130, 160, 200],
  mixedSeconds: 30,
  profileSeconds: 20,
  // Scenario 8: fan-out sizes (beyond the seeded members, followers of the feed's copy only),
  // posts per size, merged-author levels and posts per merged author, seconds per table step.
  growthFollowers: [1000, 10_000, 50_000],
  growthPosts: 10,
  mergedLevels: [0, 5, 20],
  mergedPostsEach: 720,
  growthSeconds: 20,
};

const QUICK = {
  mode: 'quick',
  users: 200,
  posts: 2000,
  likes: 2000,
  comments: 400,
  avgFollows: 10,
  celebrityShares: [0.4, 0.25, 0.15],
  fanoutMaxFollowers: 25,
  tokenUsers: 20,
  warmupSeconds: 0,
  runSeconds: 3,
  connections: 8,
  fanoutPosts: 3,
  fanoutFollowers: 200,
  pipelineEvents: 1000,
  mixedRates: [10, 30],
  mixedSeconds: 3,
  profileSeconds: 3,
  growthFollowers: [50, 200, 1000],
  growthPosts: 2,
  mergedLevels: [0, 5, 20],
  mergedPostsEach: 50,
  growthSeconds: 3,
};

/** Scenario keys in run order; `--only` takes any of them. */
export const SCENARIO_KEYS = [
  'gatewayCost',
  'profile',
  'authCost',
  'login',
  'mixed',
  'pipeline',
  'fanout',
  'growth',
  'footprint',
];

/**
 * `--only a,b` (or `--only=a,b`) runs just those scenarios, e.g. `--only profile,authCost` for a
 * before/after of the auth cost. A partial run writes to bench/results/partial/ and never replaces
 * latest.md or the README's table, which always come from a full run.
 */
function onlyFrom(argv) {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return null;
  const value = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  const keys = (value ?? '').split(',').filter(Boolean);
  const unknown = keys.filter((k) => !SCENARIO_KEYS.includes(k));
  if (keys.length === 0 || unknown.length > 0)
    throw new Error(
      `--only takes a comma-separated list of: ${SCENARIO_KEYS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  // Footprint's "under load" figure comes from the mixed scenario's samples.
  if (keys.includes('footprint') && !keys.includes('mixed')) keys.push('mixed');
  return keys;
}

export function loadConfig(argv = process.argv.slice(2)) {
  const quick = argv.includes('--quick');
  const only = onlyFrom(argv);
  const base = quick ? QUICK : FULL;
  const date = new Date().toISOString().slice(0, 10);
  const resultsDir = path.join(
    root,
    'bench',
    'results',
    ...(only ? ['partial'] : []),
    ...(quick ? ['quick'] : []),
  );
  return {
    ...base,
    quick,
    only,
    date,
    resultsDir,
    profileDir: path.join(root, 'bench', 'results', 'profiles'),
    tmpDir: path.join(root, 'bench', 'results', 'tmp'),
    kafkaDataDir: '.dev/kafka-bench',
    mysqlUrl: process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    // `taskset -c 1` for every gateway, `-c 0` for load generators (when the machine has 2+ cores).
    gatewayCpu: '1',
    loadCpu: '0',
    signingKeyPem: generateSigningKey(),
    // Production subgraphs answer only requests signed with it: every gateway here signs.
    gatewaySecret: randomBytes(32).toString('hex'),
  };
}

/** A fresh P-256 PKCS8 key per run: NODE_ENV=production needs one, and none is ever written to disk. */
function generateSigningKey() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The environment every bench service gets (production mode, own ports and databases, limits off). */
export function serviceEnv(config, brokers, overrides = {}) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    APOLLO_TELEMETRY_DISABLED: '1',
    JWT_SIGNING_KEY: config.signingKeyPem,
    GATEWAY_SECRET: config.gatewaySecret,
    KAFKA_BROKERS: brokers,
    MYSQL_URL: config.mysqlUrl,
    GATEWAY_PORT: String(PORTS.gateway),
    MEMBERS_PORT: String(PORTS.members),
    ACTIVITY_PORT: String(PORTS.activity),
    FEED_PORT: String(PORTS.feed),
    GATEWAY_OPS_PORT: String(PORTS.gatewayOps),
    MEMBERS_OPS_PORT: String(PORTS.membersOps),
    ACTIVITY_OPS_PORT: String(PORTS.activityOps),
    FEED_OPS_PORT: String(PORTS.feedOps),
    MEMBERS_DB: DATABASES.members,
    ACTIVITY_DB: DATABASES.activity,
    FEED_DB: DATABASES.feed,
    FEED_GROUP_ID: 'bench-feed',
    FEED_FANOUT_MAX_FOLLOWERS: String(config.fanoutMaxFollowers),
    AUTH_RATE_PER_ADDRESS: '100000000',
    LOGIN_MAX_FAILURES: '100000000',
    // The load is a few hundred members writing far faster than people do: limits off.
    ACTIVITY_LIMIT_POSTS: '100000000,100000000',
    ACTIVITY_LIMIT_COMMENTS: '100000000,100000000',
    ACTIVITY_LIMIT_LIKES: '100000000,100000000',
    ACTIVITY_LIMIT_FOLLOWS: '100000000,100000000',
    ACTIVITY_TOGGLE_MAX_CHANGES: '100000000',
    // Production mode wants a mail server; the bench seeds its members and sends no mail.
    SMTP_URL: 'smtp://127.0.0.1:9',
    ACCESS_TOKEN_TTL: '7200',
    ...overrides,
  };
}
