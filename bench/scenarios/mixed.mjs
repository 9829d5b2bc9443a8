// Scenario 6: the DeathStarBench social-network mix (60 % home feed, 30 % a user's posts,
// 10 % create post) at increasing fixed rates; the highest rate whose p99 stays under 100 ms.
// Peak RSS of every process is sampled meanwhile (scenario 7).
import { log } from '../../scripts/lib/prepare.mjs';
import { CREATE_POST, FEED, USER_POSTS } from '../lib/graphql.mjs';
import { body, runLoad } from '../lib/load.mjs';

const SLO_MS = 100;

export async function mixedScenario(ctx, rssPids) {
  const { config, world } = ctx;
  const tokens = ctx.tokens.map((t) => t.token);
  const users = world.users;
  const userBodies = Array.from({ length: 1000 }, () =>
    body(USER_POSTS, { id: users[Math.floor(Math.random() * users.length)].id }),
  );
  const postBodies = Array.from({ length: 200 }, (_, i) =>
    body(CREATE_POST, { body: `Mixed workload post ${i}: benchmarking the feed` }),
  );
  const kinds = [
    { name: 'feed', weight: 60, body: body(FEED), tokens },
    { name: 'userPosts', weight: 30, bodies: userBodies, tokens },
    { name: 'createPost', weight: 10, bodies: postBodies, tokens },
  ];
  const load = (rate, duration, sample) =>
    runLoad(
      {
        url: ctx.urls.gateway,
        connections: Math.min(128, Math.max(16, Math.ceil(rate / 4))),
        duration,
        overallRate: rate,
        kinds,
      },
      {
        config,
        sampleRss: sample ? rssPids : null,
        watch: { gateway: ctx.stack.procs.gateway.child.pid },
      },
    );
  if (config.warmupSeconds) await load(config.mixedRates[0], config.warmupSeconds, false);
  const curve = [];
  const peaks = {};
  for (const rate of config.mixedRates) {
    const result = await load(rate, config.mixedSeconds, true);
    for (const [name, mib] of Object.entries(result.peakRssMiB ?? {}))
      peaks[name] = Math.max(peaks[name] ?? 0, mib);
    const point = {
      offered: rate,
      achieved: result.rps,
      p50: result.latencyMs.p50,
      p99: result.latencyMs.p99,
      errors:
        result.non2xx +
        result.errors +
        result.timeouts +
        Object.values(result.kinds).reduce((s, k) => s + k.graphqlErrors, 0),
      gatewayCpu: result.cpu.gateway.utilisation,
      kinds: Object.fromEntries(
        Object.entries(result.kinds).map(([name, k]) => [name, k.latencyMs]),
      ),
    };
    curve.push(point);
    log(
      `mixed: offered ${rate}/s achieved ${point.achieved}/s p50 ${point.p50} ms p99 ${point.p99} ms errors ${point.errors} per kind ${JSON.stringify(point.kinds)}`,
    );
    // Past saturation the next steps only queue; stop once p99 is far beyond the SLO.
    if (point.p99 > SLO_MS * 5 && point.achieved < rate * 0.8) break;
  }
  const within = curve.filter(
    (p) => p.p99 < SLO_MS && p.achieved >= p.offered * 0.9 && p.errors === 0,
  );
  const best = within.reduce((a, p) => (p.achieved > (a?.achieved ?? 0) ? p : a), null);
  return {
    curve,
    peakRssMiB: peaks,
    sloMs: SLO_MS,
    maxRateUnderSlo: best?.achieved ?? 0,
    rows: [
      {
        measure: 'mixed 60/30/10: highest throughput with p99 < 100 ms',
        value: `${best?.achieved ?? 0} req/s (p99 ${best?.p99 ?? '-'} ms)`,
        reference: `SLO p99 < ${SLO_MS} ms; curve below`,
        ratio: null,
        target: 'curve',
        met: null,
      },
    ],
    loads: curve.map((p) => ({
      label: `mixed @${p.offered}/s`,
      rps: p.achieved,
      p50: p.p50,
      p99: p.p99,
    })),
  };
}
