// Seeds a realistic data set straight into the services' own databases with multi-row
// inserts, consistent with each schema (read from the migrations): what the API would have
// written, minus the hours it would take. Only the feed's derived tables need care: they are
// computed here as the consumer builds them, with the feed's own rules (threshold, cap) read
// from its built config module.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import argon2 from 'argon2';
import mysql from 'mysql2/promise';
import { log } from '../../scripts/lib/prepare.mjs';
import { DATABASES, PASSWORD, serviceEnv } from './config.mjs';
import { prng } from './random.mjs';

const require = createRequire(import.meta.url);
const DAY_MS = 86_400_000;
const ROWS_PER_INSERT = 2000;

/**
 * The feed's fan-out threshold and per-feed cap, parsed by the feed's own env and config modules
 * from the environment the bench gives the feed service: the rules exist once, in the feed.
 */
export function feedRules(config) {
  const { loadEnv } = require('../../subgraphs/feed/dist/env.js');
  const { configFromEnv, fansOut } = require('../../subgraphs/feed/dist/config.js');
  const { feed, consumer } = configFromEnv(loadEnv(serviceEnv(config, '')));
  return {
    maxEntries: feed.maxEntries,
    txMaxEvents: consumer.txMaxEvents,
    fansOut: (followers) => fansOut(followers, feed),
  };
}

/** The feed's own default FEED_FANOUT_MAX_FOLLOWERS (the run lowers it to make celebrities). */
export function defaultFanoutThreshold(config) {
  const { loadEnv } = require('../../subgraphs/feed/dist/env.js');
  const { configFromEnv } = require('../../subgraphs/feed/dist/config.js');
  const env = serviceEnv(config, '');
  delete env.FEED_FANOUT_MAX_FOLLOWERS;
  return configFromEnv(loadEnv(env)).feed.fanoutMaxFollowers;
}

export function uuidv7(ms) {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sqlTime(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Popularity by rank r ∝ 1/(r + 30): a long tail with a few authors above the fan-out threshold. */
function weightedPicker(n, random) {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r += 1) {
    sum += 1 / (r + 30);
    cumulative[r] = sum;
  }
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
}

export function generateWorld(config) {
  const random = prng(config.quick ? 7 : 42);
  const now = Date.now();
  const n = config.users;
  const users = Array.from({ length: n }, (_, i) => {
    const handle = `u${String(i).padStart(5, '0')}`;
    return {
      id: uuidv7(now - 60 * DAY_MS + i),
      handle,
      email: `${handle}@bench.example`,
      followees: new Set(),
    };
  });
  const popular = weightedPicker(n, random);
  // A few explicit celebrities (the first users), each followed by a share of everyone.
  const celebrityCount = config.celebrityShares.length;
  for (let c = 0; c < celebrityCount; c += 1) {
    for (let i = celebrityCount; i < n; i += 1)
      if (random() < config.celebrityShares[c]) users[i].followees.add(c);
  }
  for (let i = 0; i < n; i += 1) {
    // Exponential follow counts around the mode's average, at least one.
    const want = Math.min(
      n - 1,
      300,
      Math.max(1, Math.round(-Math.log(1 - random()) * config.avgFollows)),
    );
    const set = users[i].followees;
    const goal = set.size + want;
    for (let tries = 0; set.size < goal && tries < want * 5; tries += 1) {
      const j = popular();
      if (j !== i) set.add(j);
    }
  }
  const followerCounts = new Uint32Array(n);
  for (const user of users) for (const j of user.followees) followerCounts[j] += 1;
  const posts = [];
  const postsByAuthor = Array.from({ length: n }, () => []);
  for (let p = 0; p < config.posts; p += 1) {
    // Mostly anyone; a few from the popular, who post more (celebrities included).
    const author = random() < 0.95 ? Math.floor(random() * n) : popular();
    const at = now - Math.floor(random() * 30 * DAY_MS) - 60_000;
    const post = { id: uuidv7(at), author, at };
    posts.push(post);
    postsByAuthor[author].push(post);
  }
  const rules = feedRules(config);
  const celebrities = [];
  for (let i = 0; i < n; i += 1) if (!rules.fansOut(followerCounts[i])) celebrities.push(i);
  return { now, users, followerCounts, posts, postsByAuthor, celebrities, random };
}

async function insertRows(pool, table, columns, rows, { ignore = false } = {}) {
  const verb = ignore ? 'INSERT IGNORE' : 'INSERT';
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await pool.query(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ?`, [
      rows.slice(i, i + ROWS_PER_INSERT),
    ]);
  }
}

/** Verified members with the bench password, named `${namePrefix} ${i}`. */
async function insertMembers(pool, users, namePrefix, hash, createdAt) {
  await insertRows(
    pool,
    'users',
    [
      'id',
      'handle',
      'display_name',
      'greeting',
      'avatar_url',
      'created_at',
      'email',
      'password_hash',
      'email_verified_at',
    ],
    users.map((u, i) => [
      u.id,
      u.handle,
      `${namePrefix} ${i}`,
      'Hello from the bench',
      null,
      createdAt,
      u.email,
      hash,
      createdAt,
    ]),
  );
}

function pool(config, database) {
  return mysql.createPool({ uri: config.mysqlUrl, database, connectionLimit: 2, timezone: 'Z' });
}

async function passwordHash() {
  const { ARGON2_OPTIONS } = require('../../subgraphs/members/dist/shared/password-hasher.js');
  return argon2.hash(PASSWORD, ARGON2_OPTIONS);
}

export async function seed(config) {
  const started = Date.now();
  const world = generateWorld(config);
  const { users, posts, postsByAuthor, followerCounts, random } = world;
  const hash = await passwordHash();
  const pools = {
    members: pool(config, DATABASES.members),
    activity: pool(config, DATABASES.activity),
    feed: pool(config, DATABASES.feed),
  };
  const counts = {};
  try {
    const createdAt = sqlTime(world.now - 60 * DAY_MS);
    const followRows = [];
    const feedFollowRows = [];
    for (let i = 0; i < users.length; i += 1) {
      for (const j of users[i].followees) {
        followRows.push([users[i].id, users[j].id, createdAt]);
        feedFollowRows.push([users[j].id, users[i].id]);
      }
    }
    const postRows = posts.map((p) => [
      p.id,
      users[p.author].id,
      `Post ${p.id.slice(0, 8)}: ${'lorem ipsum '.repeat(1 + (p.at % 12))}`.trim(),
      sqlTime(p.at),
    ]);
    const likeKeys = new Set();
    const likeRows = [];
    for (let k = 0; k < config.likes * 2 && likeRows.length < config.likes; k += 1) {
      const post = posts[Math.floor(random() * posts.length)];
      const user = Math.floor(random() * users.length);
      const key = `${post.id}:${user}`;
      if (likeKeys.has(key)) continue;
      likeKeys.add(key);
      likeRows.push([post.id, users[user].id, sqlTime(post.at + 1000)]);
    }
    const commentRows = Array.from({ length: config.comments }, () => {
      const post = posts[Math.floor(random() * posts.length)];
      const at = post.at + 2000;
      return [
        uuidv7(at),
        post.id,
        users[Math.floor(random() * users.length)].id,
        'Nice one',
        sqlTime(at),
      ];
    });
    const feed = feedRows(config, world);
    await Promise.all([
      insertMembers(pools.members, users, 'Bench User', hash, createdAt),
      (async () => {
        await insertRows(
          pools.activity,
          'follows',
          ['follower_id', 'followee_id', 'created_at'],
          followRows,
        );
        await insertRows(
          pools.activity,
          'posts',
          ['id', 'author_id', 'body', 'created_at'],
          postRows,
        );
        await insertRows(pools.activity, 'likes', ['post_id', 'user_id', 'created_at'], likeRows);
        await insertRows(
          pools.activity,
          'comments',
          ['id', 'post_id', 'author_id', 'body', 'created_at'],
          commentRows,
        );
        // What activity keeps with each like and comment row: the counts a page reads.
        await insertRows(
          pools.activity,
          'post_counts',
          ['post_id', 'likes', 'comments'],
          postCounts(likeRows, commentRows),
        );
      })(),
      (async () => {
        await insertRows(pools.feed, 'follows', ['followee_id', 'follower_id'], feedFollowRows);
        await insertRows(
          pools.feed,
          'follower_counts',
          ['user_id', 'followers'],
          users.flatMap((u, i) => (followerCounts[i] > 0 ? [[u.id, followerCounts[i]]] : [])),
        );
        await insertRows(
          pools.feed,
          'author_posts',
          ['author_id', 'created_at', 'post_id', 'fanned_out'],
          feed.authorPosts,
        );
        await insertRows(pools.feed, 'feed_sizes', ['owner_id', 'entries_bound'], feed.sizes);
        // Two streams over disjoint owner ranges: the clustered key keeps them from colliding.
        const half = Math.floor(feed.entries.length / 2);
        await Promise.all(
          [feed.entries.slice(0, half), feed.entries.slice(half)].map((part) =>
            insertRows(
              pools.feed,
              'feed_entries',
              ['owner_id', 'post_created_at', 'post_id', 'author_id'],
              part,
            ),
          ),
        );
      })(),
    ]);
    Object.assign(counts, {
      users: users.length,
      follows: followRows.length,
      posts: postRows.length,
      likes: likeRows.length,
      comments: commentRows.length,
      feedEntries: feed.entries.length,
      celebrities: world.celebrities.length,
      maxFollowers: Math.max(...followerCounts),
    });
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
  }
  const seconds = (Date.now() - started) / 1000;
  log(`seeded ${JSON.stringify(counts)} in ${seconds.toFixed(1)} s`);
  void postsByAuthor;
  return { world, counts, seconds };
}

/** [post id, likes, comments] for every post with either, as post_counts holds them. */
function postCounts(likeRows, commentRows) {
  const counts = new Map();
  const bump = (postId, column) => {
    const row = counts.get(postId) ?? [postId, 0, 0];
    row[column] += 1;
    counts.set(postId, row);
  };
  for (const [postId] of likeRows) bump(postId, 1);
  for (const [, postId] of commentRows) bump(postId, 2);
  return [...counts.values()];
}

/**
 * What the feed consumer would have built: author_posts for everyone (fanned_out = 0 above the
 * threshold), each feed = own posts + fanned-out followees' posts, the newest `maxEntries`, and
 * its size.
 */
function feedRows(config, world) {
  const { users, postsByAuthor, followerCounts } = world;
  const { maxEntries, fansOut } = feedRules(config);
  const fanned = (i) => fansOut(followerCounts[i]);
  const authorPosts = [];
  for (let i = 0; i < users.length; i += 1) {
    for (const p of postsByAuthor[i])
      authorPosts.push([users[i].id, sqlTime(p.at), p.id, fanned(i) ? 1 : 0]);
  }
  const entries = [];
  const sizes = [];
  for (let i = 0; i < users.length; i += 1) {
    const mine = [...postsByAuthor[i]];
    for (const j of users[i].followees) if (fanned(j)) mine.push(...postsByAuthor[j]);
    mine.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    const kept = mine.slice(0, maxEntries);
    // Clustered-key order: each feed's rows land together.
    kept.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    for (const p of kept) entries.push([users[i].id, sqlTime(p.at), p.id, users[p.author].id]);
    if (kept.length > 0) sizes.push([users[i].id, kept.length]);
  }
  return { authorPosts, entries, sizes };
}

/**
 * An author followed by `followers` members (the others' feeds unchanged), for the fan-out
 * scenario and the growth curves; written while the feed is stopped, in both activity's and
 * feed's copy. Beyond the seeded members the followers are ids of their own, only in the
 * feed's copy of the graph (the feed fans out from its copy; nobody logs in as them), with
 * ids between the first and the last seeded member's, so the members watched stay the first
 * and the last feed written.
 */
export async function addFanoutAuthor(config, world, followers, handle = 'fanout_author') {
  const id = uuidv7(world.now - 59 * DAY_MS);
  const email = `${handle}@bench.example`;
  const createdAt = sqlTime(world.now - 59 * DAY_MS);
  const hash = await passwordHash();
  const chosen = world.users.slice(0, followers);
  const ids = chosen.map((u) => u.id).sort();
  const extra = syntheticIdsBetween(ids[0], ids.at(-1), followers - chosen.length);
  const pools = {
    members: pool(config, DATABASES.members),
    activity: pool(config, DATABASES.activity),
    feed: pool(config, DATABASES.feed),
  };
  try {
    await pools.members.query(
      'INSERT INTO users (id, handle, display_name, greeting, avatar_url, created_at, email, password_hash, email_verified_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)',
      [id, handle, 'Fan-out Author', 'Everyone follows me', createdAt, email, hash, createdAt],
    );
    await insertRows(
      pools.activity,
      'follows',
      ['follower_id', 'followee_id', 'created_at'],
      chosen.map((u) => [u.id, id, createdAt]),
    );
    await insertRows(
      pools.feed,
      'follows',
      ['followee_id', 'follower_id'],
      [...ids, ...extra].map((follower) => [id, follower]),
    );
    await pools.feed.query('INSERT INTO follower_counts (user_id, followers) VALUES (?, ?)', [
      id,
      ids.length + extra.length,
    ]);
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
  }
  // The fan-out walks followers in id order: the first one is the first feed written, the last
  // one the last.
  return {
    id,
    email,
    followers: ids.length + extra.length,
    lastFollowerId: ids.at(-1),
    firstFollower: chosen.find((u) => u.id === ids[0]),
    lastFollower: chosen.find((u) => u.id === ids.at(-1)),
  };
}

/** `count` distinct uuidv7 ids sorting strictly between `low` and `high` (timestamps inside). */
function syntheticIdsBetween(low, high, count) {
  if (count <= 0) return [];
  const ms = (uuid) => parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
  const from = ms(low) + 1;
  const span = ms(high) - from;
  if (span < 1) throw new Error('seed: no id room between the first and the last member');
  const out = new Set();
  while (out.size < count) out.add(uuidv7(from + Math.floor(Math.random() * span)));
  return [...out];
}

/**
 * `count` authors above the fan-out threshold (their follower count says so; the readers'
 * follows are their only follow rows), each with `postsEach` posts over the last 30 days,
 * kept for read-time merging (`fanned_out = 0`). Feed tables only: the growth curves read the
 * feed subgraph directly, which knows a post by its id.
 */
export async function addMergedAuthors(config, world, count, postsEach, followers) {
  const authors = Array.from({ length: count }, (_, i) => uuidv7(world.now - 58 * DAY_MS + i));
  const rows = [];
  for (const author of authors) {
    for (let p = 0; p < postsEach; p += 1) {
      const at = world.now - Math.floor(world.random() * 30 * DAY_MS) - 60_000;
      rows.push([author, sqlTime(at), uuidv7(at), 0]);
    }
  }
  const feed = pool(config, DATABASES.feed);
  try {
    await insertRows(
      feed,
      'follower_counts',
      ['user_id', 'followers'],
      authors.map((a) => [a, followers]),
    );
    await insertRows(
      feed,
      'author_posts',
      ['author_id', 'created_at', 'post_id', 'fanned_out'],
      rows,
    );
  } finally {
    await feed.end();
  }
  return authors;
}

/** Feed follow rows for each reader to each of the authors (feed's copy only). */
export async function followInFeed(config, pairs) {
  const feed = pool(config, DATABASES.feed);
  try {
    await insertRows(feed, 'follows', ['followee_id', 'follower_id'], pairs);
  } finally {
    await feed.end();
  }
}

/**
 * Grows the members and feed tables `factor` times: (factor - 1) × members new members (the
 * bench password, handles g0000001...), each with a copy of an existing member's feed, follows
 * and feed size, and every follower count multiplied to match. Copied on the server
 * (INSERT ... SELECT through an owner map, in owner-range chunks on two connections; a chunk's
 * rows come in the map's key order, so each chunk appends to the clustered key). Resolves the
 * new members.
 */
export async function growTables(config, world, factor) {
  const n = world.users.length;
  const hash = await passwordHash();
  const createdAt = sqlTime(world.now - 60 * DAY_MS);
  const added = Array.from({ length: (factor - 1) * n }, (_, i) => {
    const handle = `g${String(i).padStart(7, '0')}`;
    return {
      id: uuidv7(world.now - 57 * DAY_MS + i),
      handle,
      email: `${handle}@bench.example`,
      copyOf: world.users[i % n].id,
    };
  });
  const members = pool(config, DATABASES.members);
  const feed = pool(config, DATABASES.feed);
  try {
    await insertMembers(members, added, 'Grown User', hash, createdAt);
    await feed.query(`CREATE TABLE bench_owner_map (
      new_owner CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
      old_owner CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL)`);
    await insertRows(
      feed,
      'bench_owner_map',
      ['new_owner', 'old_owner'],
      added.map((u) => [u.id, u.copyOf]),
    );
    const chunk = 2000;
    const ranges = [];
    for (let i = 0; i < added.length; i += chunk)
      ranges.push([added[i].id, added[Math.min(added.length, i + chunk) - 1].id]);
    // Two streams (the pool's two connections), each taking the next owner range.
    const copyNext = async () => {
      for (let range = ranges.shift(); range; range = ranges.shift()) {
        await feed.query(
          `INSERT INTO feed_entries (owner_id, post_created_at, post_id, author_id)
           SELECT m.new_owner, e.post_created_at, e.post_id, e.author_id
           FROM bench_owner_map m JOIN feed_entries e ON e.owner_id = m.old_owner
           WHERE m.new_owner BETWEEN ? AND ?`,
          range,
        );
        await feed.query(
          `INSERT INTO follows (followee_id, follower_id)
           SELECT f.followee_id, m.new_owner FROM bench_owner_map m
           JOIN follows f ON f.follower_id = m.old_owner WHERE m.new_owner BETWEEN ? AND ?`,
          range,
        );
      }
    };
    await Promise.all([copyNext(), copyNext()]);
    await feed.query(
      `INSERT INTO feed_sizes (owner_id, entries_bound)
       SELECT m.new_owner, s.entries_bound FROM bench_owner_map m JOIN feed_sizes s ON s.owner_id = m.old_owner`,
    );
    // The new members' follows add to their followees' counts.
    await feed.query(
      `UPDATE follower_counts c JOIN (SELECT f.followee_id, COUNT(*) AS n FROM bench_owner_map m
       JOIN follows f ON f.follower_id = m.new_owner GROUP BY f.followee_id) g
       ON g.followee_id = c.user_id SET c.followers = c.followers + g.n`,
    );
    await feed.query('DROP TABLE bench_owner_map');
  } finally {
    await members.end();
    await feed.end();
  }
  return added;
}
