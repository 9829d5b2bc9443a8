// Scenario 4: fan-out on write. An author followed by `fanoutFollowers` members posts through
// the gateway; the time until the post tops the last follower's feed (read from the feed
// subgraph, polled every 10 ms) is the visibility latency, and entries / (visible - the
// event's processed_at) the write rate. The feed is restarted with a threshold above that
// follower count (the run's own threshold makes such authors merge-at-read). Reference: a
// bare mysql2 script doing the same multi-row inserts.
import mysql from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../../scripts/lib/prepare.mjs';
import { runChild } from '../lib/child.mjs';
import { DATABASES, PASSWORD } from '../lib/config.mjs';
import { CREATE_POST, FEED_TOP, LOGIN, gql } from '../lib/graphql.mjs';
import { addFanoutAuthor } from '../lib/seed.mjs';
import { launch, stop } from '../lib/stack.mjs';

const BATCH = 1000;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function fanoutScenario(ctx) {
  const { config, stack } = ctx;
  await stop(stack, 'feed');
  const author = await addFanoutAuthor(config, ctx.world, config.fanoutFollowers);
  await launch(config, stack, 'feed', {
    FEED_FANOUT_MAX_FOLLOWERS: String(config.fanoutFollowers * 10),
  });
  const login = async (email) =>
    (await gql(ctx.urls.gateway, LOGIN, { email, password: PASSWORD })).login.accessToken;
  const authorToken = await login(author.email);
  const followerToken = await login(author.lastFollower.email);
  const firstFollowerToken = await login(author.firstFollower.email);
  // Polls one follower's feed (on the feed subgraph, every 10 ms) until the post is on top.
  const visibleIn = async (token, postId, deadline) => {
    while (Date.now() < deadline) {
      const data = await gql(ctx.urls.feed, FEED_TOP, {}, token, {
        gatewaySecret: config.gatewaySecret,
      });
      if (data.feed.edges[0]?.node.post.id === postId) return Date.now();
      await sleep(10);
    }
    return null;
  };
  const feedDb = await mysql.createConnection({
    uri: config.mysqlUrl,
    database: DATABASES.feed,
    timezone: 'Z',
    dateStrings: true,
  });
  const samples = [];
  try {
    for (let i = 0; i < config.fanoutPosts; i += 1) {
      const sent = Date.now();
      const created = await gql(
        ctx.urls.gateway,
        CREATE_POST,
        { body: `Fan-out post ${i}` },
        authorToken,
      );
      const postId = created.createPost.id;
      const deadline = sent + 30_000;
      const [firstVisible, visible] = await Promise.all([
        visibleIn(firstFollowerToken, postId, deadline),
        visibleIn(followerToken, postId, deadline),
      ]);
      if (!visible || !firstVisible)
        throw new Error(`fan-out: post ${postId} not in the followers' feeds after 30 s`);
      const [[row]] = await feedDb.query(
        "SELECT processed_at FROM processed_events WHERE event_type = 'post.created' ORDER BY processed_at DESC LIMIT 1",
      );
      const startedAt = new Date(`${row.processed_at.replace(' ', 'T')}Z`).getTime();
      const [[count]] = await feedDb.query(
        'SELECT COUNT(*) AS n FROM feed_entries WHERE post_id = ?',
        [postId],
      );
      const entries = Number(count.n);
      const fanoutSeconds = Math.max(0.001, (visible - startedAt) / 1000);
      samples.push({
        postId,
        visibleMs: visible - sent,
        firstVisibleMs: firstVisible - sent,
        fanoutSeconds,
        entries,
        entriesPerSecond: Math.round(entries / fanoutSeconds),
      });
      log(
        `fan-out: post ${i + 1}/${config.fanoutPosts} visible to the first follower after ${firstVisible - sent} ms, the last after ${visible - sent} ms, ${entries} entries at ${Math.round(entries / fanoutSeconds)}/s`,
      );
      await sleep(200);
    }
  } finally {
    await feedDb.end();
  }
  const owners = [
    author.id,
    ...ctx.world.users.slice(0, config.fanoutFollowers).map((u) => u.id),
  ].sort();
  const reference = await runChild('mysql-ref.mjs', {
    mysqlUrl: config.mysqlUrl,
    database: DATABASES.feed,
    owners,
    authorId: author.id,
    batchSize: BATCH,
    runs: config.quick ? 2 : 5,
  });
  const median = (values) => percentile(values, 50);
  const ours = median(samples.map((s) => s.entriesPerSecond));
  const bare = median(reference.map((s) => s.entriesPerSecond));
  const visibility = samples.map((s) => s.visibleMs);
  const p50 = percentile(visibility, 50);
  const p99 = percentile(visibility, 99);
  const firstVisibility = samples.map((s) => s.firstVisibleMs);
  const firstP50 = percentile(firstVisibility, 50);
  const firstP99 = percentile(firstVisibility, 99);
  log(`fan-out: ours ${ours}/s vs bare ${bare}/s; visible p50 ${p50} ms p99 ${p99} ms`);
  return {
    followers: author.followers,
    samples,
    reference,
    rows: [
      {
        measure: `fan-out entries/s, author with ${author.followers} followers, vs bare mysql2 batched inserts`,
        value: `${ours} entries/s`,
        reference: `${bare} entries/s`,
        ratio: Number((ours / bare).toFixed(3)),
        target: '≥ 0.5x',
        met: ours / bare >= 0.5,
      },
      {
        measure: `createPost → readable in the last follower's feed, p50 / p99 over ${samples.length} posts`,
        value: `${p50} ms / ${p99} ms`,
        reference: '1000 ms (target)',
        ratio: Number((p99 / 1000).toFixed(3)),
        target: 'p99 ≤ 1 s',
        met: p99 <= 1000,
      },
      {
        measure: `createPost → readable in the first follower's feed, p50 / p99 over ${samples.length} posts`,
        value: `${firstP50} ms / ${firstP99} ms`,
        reference: '200 ms (target)',
        ratio: Number((firstP99 / 200).toFixed(3)),
        target: 'p99 ≤ 200 ms',
        met: firstP99 <= 200,
      },
    ],
  };
}
