// Scenario 3: logins judged against argon2id itself at members' parameters: the CPU members
// spends per login against the CPU one raw verify costs, and logins/s against raw verifies/s
// measured on the same cores while the stack is up; then the home feed's p99 at a fixed rate,
// idle vs while logins saturate.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../../scripts/lib/prepare.mjs';
import { runChild } from '../lib/child.mjs';
import { PASSWORD } from '../lib/config.mjs';
import { FEED, LOGIN } from '../lib/graphql.mjs';
import { body, runLoad } from '../lib/load.mjs';
import { mariadbPid, redisPid, threadCpuSeconds } from '../lib/proc.mjs';
import { stackPids } from './footprint.mjs';

export async function loginScenario(ctx) {
  const { config, stack } = ctx;
  const seconds = config.runSeconds;
  // Members' hasher runs 2 verifies at a time, so the raw rate is measured at 2 too (unpinned, like members).
  const raw = await runChild('argon2-micro.mjs', { seconds, concurrency: 2, password: PASSWORD });
  log(`login: raw argon2id ${raw.verifiesPerSecond} verifies/s (${raw.msPerVerify} ms each)`);
  const logins = ctx.tokens.map((t) => body(LOGIN, { email: t.email, password: PASSWORD }));
  const loginKinds = [{ name: 'login', bodies: logins }];
  const membersPid = stack.procs.members.child.pid;
  // Where every core's time went during the logins: each process of the stack, MariaDB, Redis
  // and the machine as a whole (the load generator and whatever else runs are the remainder).
  const watch = {
    ...stackPids(ctx),
    mariadb: mariadbPid(),
    redis: redisPid(),
    machine: 'machine',
  };
  const loginLoad = (duration) =>
    runLoad(
      { url: ctx.urls.gateway, connections: 8, duration, kinds: loginKinds },
      { config, watch },
    );
  if (!config.quick) await loginLoad(3);
  const threadsBefore = threadCpuSeconds(membersPid);
  const login = await loginLoad(seconds);
  const threadsAfter = threadCpuSeconds(membersPid);
  const loginCpu = login.cpu.members.msPerRequest;
  const perLogin = (seconds) => Number(((seconds * 1000) / login.requests).toFixed(2));
  const argon2Threads = perLogin(
    (threadsAfter['libuv-worker'] ?? 0) - (threadsBefore['libuv-worker'] ?? 0),
  );
  const cpuPerLogin = Object.fromEntries(
    Object.entries(login.cpu).map(([name, cpu]) => [name, cpu.msPerRequest]),
  );
  const cores = os.cpus().length;
  // The most logins/s the machine allows at this CPU per login, and the CPU per login that
  // 0.9x of the raw rate would need.
  const machineBound = (cores * 1000) / cpuPerLogin.machine;
  const neededForTarget = (cores * 1000) / (0.9 * raw.verifiesPerSecond);
  log(
    `login: ${login.rps} logins/s, p99 ${login.latencyMs.p99} ms, members CPU ${loginCpu} ms per login vs ${raw.cpuMsPerVerify} ms per raw verify (argon2 threads ${argon2Threads} ms); machine ${cpuPerLogin.machine} ms per login`,
  );
  const tokens = ctx.tokens.map((t) => t.token);
  const rate = config.quick ? 20 : 40;
  const feedLoad = () =>
    runLoad(
      {
        url: ctx.urls.gateway,
        connections: 8,
        duration: seconds,
        overallRate: rate,
        kinds: [{ name: 'feed', body: body(FEED), tokens }],
      },
      { config },
    );
  const idle = await feedLoad();
  const [busyLogins, busy] = await Promise.all([
    loginLoad(seconds + 4),
    (async () => {
      await sleep(2000);
      return feedLoad();
    })(),
  ]);
  log(`login: feed p99 idle ${idle.latencyMs.p99} ms, during logins ${busy.latencyMs.p99} ms`);
  const r = (x) => Number(x.toFixed(3));
  const p99Ratio = busy.latencyMs.p99 / Math.max(1, idle.latencyMs.p99);
  return {
    raw,
    login,
    cpuPerLogin: { ...cpuPerLogin, membersArgon2Threads: argon2Threads, cores },
    feedIdle: idle,
    feedDuringLogins: busy,
    loginsDuringFeed: busyLogins,
    feedRate: rate,
    rows: [
      {
        measure:
          'CPU per login in members vs CPU per raw argon2id verify, same parameters (ratio = verify / login)',
        value: `${loginCpu} ms`,
        reference: `${raw.cpuMsPerVerify} ms`,
        ratio: r(raw.cpuMsPerVerify / loginCpu),
        target: '≥ 0.9x',
        met: raw.cpuMsPerVerify / loginCpu >= 0.9,
      },
      {
        measure: 'logins/s through the gateway vs raw argon2id verifies/s (same cores, stack up)',
        value: `${login.rps} /s`,
        reference: `${raw.verifiesPerSecond} /s`,
        ratio: r(login.rps / raw.verifiesPerSecond),
        target: '≥ 0.9x',
        met: login.rps / raw.verifiesPerSecond >= 0.9,
      },
      {
        measure: `CPU per login on the whole machine (${cores} cores) while logins saturate: members ${loginCpu} ms (argon2 threads ${argon2Threads}), gateway ${cpuPerLogin.gateway}, MariaDB ${cpuPerLogin.mariadb}, Redis ${cpuPerLogin.redis}, broker ${cpuPerLogin.kafka ?? '–'}, activity ${cpuPerLogin.activity}, feed ${cpuPerLogin.feed}, the rest (load generator, other processes) ${r(cpuPerLogin.machine - Object.entries(cpuPerLogin).reduce((sum, [name, ms]) => (name === 'machine' ? sum : sum + (ms ?? 0)), 0))}; against the CPU per login that 0.9x of the raw rate allows on these cores`,
        value: `${cpuPerLogin.machine} ms (at most ${r(machineBound)} logins/s)`,
        reference: `${r(neededForTarget)} ms (${r(0.9 * raw.verifiesPerSecond)} /s)`,
        ratio: r(neededForTarget / cpuPerLogin.machine),
        target: 'informative (why logins/s is where it is)',
        met: null,
      },
      {
        measure: `home-feed p99 at ${rate} req/s: logins saturated vs idle`,
        value: `${busy.latencyMs.p99} ms`,
        reference: `${idle.latencyMs.p99} ms`,
        ratio: r(p99Ratio),
        target: '≤ 2x',
        met: p99Ratio <= 2,
      },
    ],
    loads: [
      { label: 'login', rps: login.rps, p50: login.latencyMs.p50, p99: login.latencyMs.p99 },
      { label: 'feed · idle', rps: idle.rps, p50: idle.latencyMs.p50, p99: idle.latencyMs.p99 },
      {
        label: 'feed · logins busy',
        rps: busy.rps,
        p50: busy.latencyMs.p50,
        p99: busy.latencyMs.p99,
      },
    ],
  };
}
