// Scenario 2: what token verification costs. A micro-benchmark on the gateway core (raw
// jsonwebtoken.verify with a prepared KeyObject vs our verifier, cold and warm cache), then the
// gateway itself at a fixed rate: `me` with a freshly minted token on every request vs a few hot
// tokens, and its CPU per request for the same anonymous-capable query with and without a
// token. Pairs run interleaved (A B A B) so drift on the shared machine hits both alike. The
// target is judged on the profile's inclusive share of the auth code.
import { log } from '../../scripts/lib/prepare.mjs';
import { runChild } from '../lib/child.mjs';
import { ME, USER_NAME } from '../lib/graphql.mjs';
import { body, runLoad } from '../lib/load.mjs';

const r3 = (x) => Number(x.toFixed(3));

export async function authCost(ctx, profile) {
  const { config, stack } = ctx;
  const pid = stack.procs.gateway.child.pid;
  const micro = await runChild(
    'auth-micro.mjs',
    { pem: config.signingKeyPem, seconds: config.quick ? 0.5 : 2 },
    { cpu: config.gatewayCpu },
  );
  log(
    `auth micro: raw jwt.verify ${micro.rawJwtVerify.usPerOp} µs, cold ${micro.verifierColdCache.usPerOp} µs, warm ${micro.verifierWarmCache.usPerOp} µs`,
  );
  const tokens = ctx.tokens.map((t) => t.token);
  const sessions = ctx.tokens.map((t) => ({ sub: t.userId, sid: t.sid }));
  const ids = ctx.world.users.slice(0, 500).map((u) => body(USER_NAME, { id: u.id }));
  const variants = {
    meWarm: [{ name: 'me-warm', body: body(ME), tokens }],
    meCold: null,
    anonymous: [{ name: 'user-anonymous', bodies: ids }],
    withToken: [{ name: 'user-with-token', bodies: ids, tokens }],
  };
  const load = (kinds, duration, rate) =>
    runLoad(
      {
        url: ctx.urls.gateway,
        connections: config.connections,
        duration,
        overallRate: rate,
        kinds,
      },
      { config, watch: { gateway: pid } },
    );
  // Unmeasured: warms every operation's plan and the JIT, and finds the closed-loop rate.
  const probe = await load(
    [...variants.meWarm, ...variants.anonymous, ...variants.withToken],
    config.quick ? 1 : 5,
  );
  const rate = Math.max(20, Math.round(probe.rps * 0.6));
  const half = Math.max(1, Math.round(config.runSeconds / 2));
  // Enough distinct tokens that none repeats within one half.
  variants.meCold = [
    {
      name: 'me-cold',
      body: body(ME),
      mint: { pem: config.signingKeyPem, sessions, count: Math.ceil(rate * half * 1.3) + 200 },
    },
  ];
  async function pair(a, b) {
    const runs = { [a]: [], [b]: [] };
    for (let round = 0; round < 2; round += 1)
      for (const name of [a, b]) runs[name].push(await load(variants[name], half, rate));
    return Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, combine(rs)]));
  }
  const me = await pair('meWarm', 'meCold');
  const user = await pair('anonymous', 'withToken');
  const authShare =
    (user.withToken.cpuMsPerRequest - user.anonymous.cpuMsPerRequest) /
    user.withToken.cpuMsPerRequest;
  const profileShare = profile?.summary?.inclusive?.auth?.percentOfBusy ?? null;
  log(
    `auth: CPU/request anonymous ${user.anonymous.cpuMsPerRequest} ms, with token ${user.withToken.cpuMsPerRequest} ms; profile share ${profileShare} %`,
  );
  return {
    micro,
    rate,
    gateway: { ...me, ...user },
    rows: [
      {
        measure: 'verifier, warm cache vs raw jwt.verify (µs per token, micro)',
        value: `${micro.verifierWarmCache.usPerOp} µs`,
        reference: `${micro.rawJwtVerify.usPerOp} µs`,
        ratio: r3(micro.rawJwtVerify.usPerOp / micro.verifierWarmCache.usPerOp),
        target: 'speed-up, informative',
        met: null,
      },
      {
        measure: 'verifier, cold cache vs raw jwt.verify (µs per token, micro)',
        value: `${micro.verifierColdCache.usPerOp} µs`,
        reference: `${micro.rawJwtVerify.usPerOp} µs`,
        ratio: r3(micro.rawJwtVerify.usPerOp / micro.verifierColdCache.usPerOp),
        target: 'informative',
        met: null,
      },
      {
        measure: `gateway \`me\` at ${rate} req/s: fresh token per request vs warm tokens (gateway CPU ms/req)`,
        value: `${me.meCold.cpuMsPerRequest} ms (p99 ${me.meCold.p99} ms)`,
        reference: `${me.meWarm.cpuMsPerRequest} ms (p99 ${me.meWarm.p99} ms)`,
        ratio: r3(me.meCold.cpuMsPerRequest / me.meWarm.cpuMsPerRequest),
        target: 'informative',
        met: null,
      },
      {
        measure: `gateway CPU/request, \`user(id)\` at ${rate} req/s: with a warm token vs anonymous (difference = auth share)`,
        value: `${user.withToken.cpuMsPerRequest} ms`,
        reference: `${user.anonymous.cpuMsPerRequest} ms`,
        ratio: r3(authShare),
        target: 'informative (noisy at this size)',
        met: null,
      },
      {
        measure:
          'auth code share of gateway CPU under the home-feed load (profile, inclusive, warm cache)',
        value: profileShare === null ? 'no profile' : `${profileShare} %`,
        reference: '5 % (target)',
        ratio: profileShare === null ? null : r3(profileShare / 100),
        target: '≤ 0.05 of gateway CPU',
        met: profileShare === null ? null : profileShare <= 5,
      },
    ],
    loads: [
      { label: 'me · warm tokens', ...point(me.meWarm) },
      { label: 'me · fresh token each', ...point(me.meCold) },
    ],
  };
}

/** Halves of one variant as one run: summed requests and CPU, the worse half's percentiles. */
function combine(runs) {
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  const cpu = runs.reduce((s, r) => s + r.cpu.gateway.seconds, 0);
  const seconds = runs.reduce((s, r) => s + r.durationSeconds, 0);
  return {
    requests,
    rps: Number((requests / seconds).toFixed(1)),
    p50: Math.max(...runs.map((r) => r.latencyMs.p50)),
    p99: Math.max(...runs.map((r) => r.latencyMs.p99)),
    cpuMsPerRequest: r3((cpu * 1000) / requests),
    errors: runs.reduce(
      (s, r) =>
        s + r.non2xx + r.errors + Object.values(r.kinds).reduce((a, k) => a + k.graphqlErrors, 0),
      0,
    ),
  };
}

function point(c) {
  return { rps: c.rps, p50: c.p50, p99: c.p99 };
}
