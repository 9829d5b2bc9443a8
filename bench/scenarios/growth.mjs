// Scenario 8: how cost grows with work (issue #17). Three curves, each against its own first
// point, so a line that grows faster than its work shows as a ratio:
//   a. merged authors: the feed page (feed subgraph, 20 items) for readers following 0, 5 and
//      20 authors above the fan-out threshold, whose posts are merged at read time;
//   b. fan-out: createPost → readable in the last follower's feed at 1,000 / 10,000 / 50,000
//      followers, all fanned out (threshold raised), then the 50,000 again under the feed's
//      default threshold, merged at read time: the read's cost instead of the write's;
//   c. table size: login and home-feed p99 at fixed open-loop rates, then again after the
//      members and feed tables grew 10x (100,000 members in full mode).
// Runs last before the footprint: it leaves the tables 10x and the feed at its default threshold.
import { log } from '../../scripts/lib/prepare.mjs';
import { PASSWORD } from '../lib/config.mjs';
import { settleDatabase } from '../lib/db-settings.mjs';
import { FEED, FEED_PAGE, LOGIN, loginMany } from '../lib/graphql.mjs';
import { body, runLoad, runOpenLoad } from '../lib/load.mjs';
import {
  addFanoutAuthor,
  addMergedAuthors,
  defaultFanoutThreshold,
  followInFeed,
  growTables,
} from '../lib/seed.mjs';
import { launch, stop } from '../lib/stack.mjs';
import { percentile, watchPosts } from '../lib/visibility.mjs';

const r3 = (x) => Number(x.toFixed(3));

export async function growthScenario(ctx) {
  const { config, stack } = ctx;
  const largest = Math.max(...config.growthFollowers);
  // The feed's default threshold, or below the largest author in quick mode (tiny sizes).
  const threshold = Math.min(defaultFanoutThreshold(config), Math.floor(largest / 2));
  // a. Merged authors, first: the fan-out authors below are followed by every seeded member.
  await stop(stack, 'feed');
  const merged = await mergedCurve(ctx, threshold);
  // b. Fan-out: the feed restarted with a threshold above every author here.
  const authors = [];
  for (const followers of config.growthFollowers)
    authors.push(await addFanoutAuthor(config, ctx.world, followers, `growth_${followers}`));
  await launch(config, stack, 'feed', { FEED_FANOUT_MAX_FOLLOWERS: String(largest * 10) });
  const fanout = [];
  for (const author of authors) {
    const samples = await watchPosts(
      ctx,
      author,
      config.growthPosts,
      `growth fan-out ${author.followers}`,
    );
    fanout.push(visibilityPoint(author.followers, 'fanned out', samples));
  }
  await stop(stack, 'feed');
  await launch(config, stack, 'feed', { FEED_FANOUT_MAX_FOLLOWERS: String(threshold) });
  const biggest = authors.find((a) => a.followers === largest);
  const mergedSamples = await watchPosts(
    ctx,
    biggest,
    config.growthPosts,
    `growth merged ${largest}`,
  );
  fanout.push(visibilityPoint(largest, `merged at read (threshold ${threshold})`, mergedSamples));
  // c. Table size.
  const tables = await tableCurve(ctx);
  const first = fanout[0];
  const last = fanout.find((p) => p.followers === largest && p.mode === 'fanned out');
  const perThousand = (p) => p.lastP50 / (p.followers / 1000);
  const mergedLast = merged.at(-1);
  return {
    threshold,
    merged,
    fanout,
    tables,
    rows: [
      {
        measure: `fan-out to the last follower, ms per 1,000 followers: ${last.followers} vs ${first.followers} followers (p50 ${last.lastP50} vs ${first.lastP50} ms)`,
        value: `${r3(perThousand(last))} ms`,
        reference: `${r3(perThousand(first))} ms`,
        ratio: r3(perThousand(last) / perThousand(first)),
        target: 'informative (≤ 1x: linear or better)',
        met: null,
      },
      {
        measure: `createPost → readable for a follower of a ${largest}-follower author merged at read time (threshold ${threshold}), p50 / p99`,
        value: `${fanout.at(-1).lastP50} ms / ${fanout.at(-1).lastP99} ms`,
        reference: `fanned out: ${last.lastP50} ms / ${last.lastP99} ms`,
        ratio: r3(fanout.at(-1).lastP99 / last.lastP99),
        target: 'informative',
        met: null,
      },
      {
        measure: `feed page (feed subgraph, 20 items) p99, reader following ${mergedLast.authors} vs 0 merged authors (${config.mergedPostsEach} posts each)`,
        value: `${mergedLast.p99} ms (CPU ${mergedLast.cpuMs} ms/req)`,
        reference: `${merged[0].p99} ms (CPU ${merged[0].cpuMs} ms/req)`,
        ratio: r3(mergedLast.p99 / Math.max(0.1, merged[0].p99)),
        target: 'informative',
        met: null,
      },
      ...['login', 'feed'].map((kind) => {
        const [small, big] = tables.points.map((p) => p[kind]);
        return {
          measure: `${kind === 'login' ? 'login' : 'home feed (gateway)'} p99 at ${tables.rates[kind]} req/s open loop: tables 10x (${tables.points[1].members} members) vs 1x (${tables.points[0].members})`,
          value: `${big.p99} ms`,
          reference: `${small.p99} ms`,
          ratio: r3(big.p99 / Math.max(0.1, small.p99)),
          target: 'informative (same work per request)',
          met: null,
        };
      }),
    ],
    loads: [
      ...merged.map((p) => ({
        label: `feed page · ${p.authors} merged`,
        rps: p.rps,
        p50: p.p50,
        p99: p.p99,
      })),
      ...tables.points.flatMap((p) =>
        ['login', 'feed'].map((kind) => ({
          label: `${kind} · ${p.members} members`,
          rps: p[kind].rps,
          p50: p[kind].p50,
          p99: p[kind].p99,
        })),
      ),
    ],
  };
}

function visibilityPoint(followers, mode, samples) {
  const last = samples.map((s) => s.visibleMs);
  const first = samples.map((s) => s.firstVisibleMs);
  return {
    followers,
    mode,
    posts: samples.length,
    lastP50: percentile(last, 50),
    lastP99: percentile(last, 99),
    firstP50: percentile(first, 50),
    firstP99: percentile(first, 99),
    samples,
  };
}

/**
 * Members who follow none of the seeded celebrities, logged in, in groups of four, each group following
 * 0, 5 or 20 of the merged authors; their feed pages are read on the feed subgraph, closed
 * loop with two connections, the feed's CPU per request measured.
 */
async function mergedCurve(ctx, threshold) {
  const { config, world, stack } = ctx;
  const levels = config.mergedLevels;
  const celebrity = new Set(world.celebrities);
  const perLevel = 4;
  const candidates = world.users.filter((u) => ![...u.followees].some((j) => celebrity.has(j)));
  if (candidates.length < perLevel * levels.length)
    throw new Error(`growth: only ${candidates.length} members follow no celebrity`);
  const step = Math.floor(candidates.length / (perLevel * levels.length));
  const readers = await loginMany(
    ctx.urls.gateway,
    Array.from({ length: perLevel * levels.length }, (_, i) => candidates[i * step]),
    PASSWORD,
  );
  const most = Math.max(...levels);
  const authors = await addMergedAuthors(
    config,
    world,
    most,
    config.mergedPostsEach,
    threshold * 2,
  );
  const groups = levels.map((k, g) => ({
    authors: k,
    readers: readers.slice(g * perLevel, (g + 1) * perLevel),
  }));
  await followInFeed(
    config,
    groups.flatMap((group) =>
      group.readers.flatMap((reader) =>
        authors.slice(0, group.authors).map((a) => [a, reader.userId]),
      ),
    ),
  );
  await launch(config, stack, 'feed', { FEED_FANOUT_MAX_FOLLOWERS: String(threshold) });
  const points = [];
  for (const group of groups) {
    const load = () =>
      runLoad(
        {
          url: ctx.urls.feed,
          connections: 2,
          duration: config.runSeconds,
          kinds: [
            {
              name: 'feedPage',
              body: body(FEED_PAGE),
              tokens: group.readers.map((t) => t.token),
              gatewaySecret: config.gatewaySecret,
            },
          ],
        },
        { config, watch: { feed: stack.procs.feed.child.pid } },
      );
    if (!config.quick) await load();
    const result = await load();
    if (result.errors + result.non2xx > 0)
      throw new Error(`growth: feed page errors at ${group.authors} merged authors`);
    const point = {
      authors: group.authors,
      rps: result.rps,
      p50: result.latencyMs.p50,
      p99: result.latencyMs.p99,
      cpuMs: result.cpu.feed.msPerRequest,
    };
    log(
      `growth: feed page with ${point.authors} merged authors: ${point.rps} req/s, p50 ${point.p50} ms, p99 ${point.p99} ms, feed CPU ${point.cpuMs} ms/req`,
    );
    points.push(point);
  }
  await stop(stack, 'feed');
  return points;
}

/** Login and home-feed p99 at fixed open-loop rates, before and after the tables grow 10x. */
async function tableCurve(ctx) {
  const { config, world } = ctx;
  const rates = { login: config.quick ? 5 : 10, feed: config.quick ? 10 : 40 };
  const measure = async (members, tokens) => {
    const logins = tokens.map((t) => body(LOGIN, { email: t.email, password: PASSWORD }));
    const open = (kind, rate, spec) =>
      runOpenLoad(
        {
          url: ctx.urls.gateway,
          rate,
          duration: config.growthSeconds,
          arrivals: 'poisson',
          seed: rate,
          kinds: [{ name: kind, ...spec }],
        },
        { config },
      );
    const login = await open('login', rates.login, { bodies: logins });
    const feed = await open('feed', rates.feed, {
      body: body(FEED),
      tokens: tokens.map((t) => t.token),
    });
    const point = { members };
    for (const [kind, result] of [
      ['login', login],
      ['feed', feed],
    ]) {
      const failures = Object.values(result.kinds).reduce((sum, k) => sum + k.failures, 0);
      if (failures > 0)
        throw new Error(`growth: ${failures} ${kind} failures at ${members} members`);
      point[kind] = { rps: result.rps, p50: result.latencyMs.p50, p99: result.latencyMs.p99 };
    }
    log(
      `growth: ${members} members: login p50 ${point.login.p50} / p99 ${point.login.p99} ms, feed p50 ${point.feed.p50} / p99 ${point.feed.p99} ms`,
    );
    return point;
  };
  const before = await measure(world.users.length, ctx.tokens);
  const started = Date.now();
  const added = await growTables(config, world, 10);
  const grownSeconds = Math.round((Date.now() - started) / 1000);
  log(`growth: ${added.length} members and their feeds added in ${grownSeconds} s`);
  // As after the seed: the copy's dirty pages written back before the second point is measured.
  await settleDatabase(config.mysqlUrl, log);
  // The same number of readers, spread over every member now.
  const everyone = [...world.users, ...added];
  const step = Math.floor(everyone.length / ctx.tokens.length);
  const spread = Array.from({ length: ctx.tokens.length }, (_, i) => everyone[i * step + 3]);
  const tokens = await loginMany(ctx.urls.gateway, spread, PASSWORD);
  const after = await measure(everyone.length, tokens);
  return { rates, grownSeconds, points: [before, after] };
}
