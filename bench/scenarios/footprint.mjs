// Scenario 7: resident memory of every process (idle and under the mixed load, sampled by the
// mixed scenario) and `npm start`'s time to ready, cold (new databases: creation and every
// migration) and warm (the same databases again), on ports and databases of its own.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { log } from '../../scripts/lib/prepare.mjs';
import { PORTS, START_DATABASES, root } from '../lib/config.mjs';
import { javaPid, mariadbPid, rssMiB } from '../lib/proc.mjs';
import { recreateDatabases } from '../lib/stack.mjs';

/** The stack's own processes: the four services and the broker's JVM. */
export function stackPids(ctx) {
  const pids = Object.fromEntries(
    Object.entries(ctx.stack.procs).map(([name, proc]) => [name, proc.child.pid]),
  );
  const broker = ctx.stack.kafka.pid ? javaPid(ctx.stack.kafka.pid) : null;
  if (broker) pids.kafka = broker;
  return pids;
}

export function rssNow(pids) {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
}

export function shared() {
  const pid = mariadbPid();
  return { mariadb: pid ? rssMiB(pid) : null };
}

/** One `node scripts/start.mjs` until it prints the GraphQL URL; then SIGTERM and wait for it to stop. */
async function timeStart(env, timeoutMs) {
  const started = Date.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let reported = null;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start not ready after ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /ready in ([\d.]+) s/.exec(line);
      if (m) reported = Number(m[1]);
      if (line.includes('GraphQL API:')) {
        clearTimeout(timer);
        resolve(Date.now());
      }
    });
    readline.createInterface({ input: child.stderr }).on('line', () => {});
    exited.then(({ code, signal }) =>
      reject(new Error(`npm start exited (${signal ?? code}) before ready`)),
    );
  });
  try {
    const at = await ready;
    return { seconds: Number(((at - started) / 1000).toFixed(2)), reportedSeconds: reported };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    await exited;
    clearTimeout(timer);
  }
}

export async function startTimes(config, brokers) {
  const env = {
    ...process.env,
    KAFKA_BROKERS: brokers,
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(PORTS.startGateway),
    MEMBERS_PORT: String(PORTS.startMembers),
    ACTIVITY_PORT: String(PORTS.startActivity),
    FEED_PORT: String(PORTS.startFeed),
    GATEWAY_OPS_PORT: String(PORTS.startGatewayOps),
    MEMBERS_OPS_PORT: String(PORTS.startMembersOps),
    ACTIVITY_OPS_PORT: String(PORTS.startActivityOps),
    FEED_OPS_PORT: String(PORTS.startFeedOps),
    MEMBERS_DB: START_DATABASES.members,
    ACTIVITY_DB: START_DATABASES.activity,
    FEED_DB: START_DATABASES.feed,
    // Its own topic and group on the bench broker, so it replays none of the bench's events.
    FEED_TOPIC: 'bench-start.v1',
    FEED_DEAD_LETTER_TOPIC: 'bench-start.v1.dlq',
    FEED_MEMBER_TOPIC: 'bench-start-members.v1',
    FEED_GROUP_ID: 'bench-start',
  };
  await recreateDatabases(config, Object.values(START_DATABASES));
  const cold = await timeStart(env, 180_000);
  log(`npm start: cold ${cold.seconds} s`);
  const warm = await timeStart(env, 180_000);
  log(`npm start: warm ${warm.seconds} s`);
  await recreateDatabases(config, Object.values(START_DATABASES));
  return { cold, warm };
}

export function footprintRows(idle, underLoad, start, kafkaStartSeconds) {
  const sum = (o) =>
    Number(
      Object.values(o)
        .reduce((s, v) => s + (v ?? 0), 0)
        .toFixed(1),
    );
  const idleTotal = sum(idle);
  const loadTotal = sum(underLoad);
  const limit = 1536;
  return [
    {
      measure: 'whole stack RSS (4 services + Kafka JVM), peak under the mixed load',
      value: `${loadTotal} MiB`,
      reference: `${limit} MiB (1.5 GiB target); idle ${idleTotal} MiB`,
      ratio: Number((loadTotal / limit).toFixed(3)),
      target: '≤ 1.5 GiB',
      met: loadTotal <= limit,
    },
    {
      measure: '`npm start` to ready: cold (new databases) vs warm (same databases), Kafka given',
      value: `${start.cold.seconds} s`,
      reference: `${start.warm.seconds} s warm${kafkaStartSeconds ? `; a fresh broker adds ${kafkaStartSeconds.toFixed(1)} s` : ''}`,
      ratio: Number((start.cold.seconds / start.warm.seconds).toFixed(3)),
      target: 'informative',
      met: null,
    },
  ];
}
