// createPost → readable: an author posts through the gateway and two of its followers' feeds
// (read from the feed subgraph, polled every 10 ms) are watched until the post is on top. The
// fan-out walks followers in id order, so the first and the last follower bound what everyone
// sees. Shared by the fan-out scenario and the growth curves.
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { log } from '../../scripts/lib/prepare.mjs';
import { DATABASES, PASSWORD } from './config.mjs';
import { CREATE_POST, FEED_TOP, LOGIN, gql } from './graphql.mjs';

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * `author` as addFanoutAuthor returns it. Resolves one sample per post: visibleMs (last
 * follower), firstVisibleMs, entries written for the post, and the fan-out rate from the
 * event's processed_at (null when the post was merged at read time: no entries to count).
 */
export async function watchPosts(ctx, author, posts, label) {
  const { config } = ctx;
  const login = async (email) =>
    (await gql(ctx.urls.gateway, LOGIN, { email, password: PASSWORD })).login.accessToken;
  const authorToken = await login(author.email);
  const lastToken = await login(author.lastFollower.email);
  const firstToken = await login(author.firstFollower.email);
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
    for (let i = 0; i < posts; i += 1) {
      const sent = Date.now();
      const created = await gql(
        ctx.urls.gateway,
        CREATE_POST,
        { body: `${label} post ${i}` },
        authorToken,
      );
      const postId = created.createPost.id;
      const deadline = sent + 30_000;
      const [firstVisible, visible] = await Promise.all([
        visibleIn(firstToken, postId, deadline),
        visibleIn(lastToken, postId, deadline),
      ]);
      if (!visible || !firstVisible)
        throw new Error(`${label}: post ${postId} not in the followers' feeds after 30 s`);
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
      const entriesPerSecond = entries > 1 ? Math.round(entries / fanoutSeconds) : null;
      samples.push({
        postId,
        visibleMs: visible - sent,
        firstVisibleMs: firstVisible - sent,
        fanoutSeconds,
        entries,
        entriesPerSecond,
      });
      log(
        `${label}: post ${i + 1}/${posts} visible to the first follower after ${firstVisible - sent} ms, the last after ${visible - sent} ms, ${entries} entries${entriesPerSecond ? ` at ${entriesPerSecond}/s` : ''}`,
      );
      await sleep(200);
    }
  } finally {
    await feedDb.end();
  }
  return samples;
}
