// Scenario 5: the event pipeline. N like.created events (on existing posts, so the feed only
// writes notifications) go into activity's outbox in one transaction, as mutations would write
// them; the relay publishes them and the feed consumes them. Their rates come from the
// published_at and processed_at stamps; the reference is an awaited one-at-a-time kafkajs producer.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { log } from '../../scripts/lib/prepare.mjs';
import { runChild } from '../lib/child.mjs';
import { DATABASES } from '../lib/config.mjs';

const require = createRequire(import.meta.url);

const ms = (value) => new Date(`${String(value).replace(' ', 'T')}Z`).getTime();

async function waitFor(label, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return Date.now();
    if (Date.now() > deadline)
      throw new Error(`pipeline: ${label} not done after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

export async function pipelineScenario(ctx) {
  const { config, world } = ctx;
  const {
    createEvent,
    eventKey,
    serializeEvent,
    ACTIVITY_TOPIC,
    HEADERS,
  } = require('@social/events');
  const activity = await mysql.createConnection({
    uri: config.mysqlUrl,
    database: DATABASES.activity,
    timezone: 'Z',
    dateStrings: true,
  });
  const feed = await mysql.createConnection({
    uri: config.mysqlUrl,
    database: DATABASES.feed,
    timezone: 'Z',
    dateStrings: true,
  });
  try {
    // Let what earlier scenarios produced drain first.
    await waitFor('earlier backlog', 120_000, async () => {
      const [[row]] = await activity.query(
        'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
      );
      return Number(row.n) === 0;
    });
    await sleep(1000);
    const n = config.pipelineEvents;
    const rows = [];
    const seen = new Set();
    const now = new Date();
    while (rows.length < n) {
      const post = world.posts[Math.floor(Math.random() * world.posts.length)];
      const liker = world.users[Math.floor(Math.random() * world.users.length)];
      if (seen.has(post.id + liker.id)) continue;
      seen.add(post.id + liker.id);
      const event = createEvent('like.created', liker.id, {
        postId: post.id,
        postAuthorId: world.users[post.author].id,
        likerId: liker.id,
      });
      rows.push([
        event.id,
        ACTIVITY_TOPIC.topic,
        eventKey(event),
        serializeEvent(event),
        JSON.stringify({ [HEADERS.eventType]: event.type }),
        now,
      ]);
    }
    const [[before]] = await feed.query(
      "SELECT COUNT(*) AS n FROM processed_events WHERE event_type = 'like.created'",
    );
    await activity.beginTransaction();
    for (let i = 0; i < rows.length; i += 2000) {
      await activity.query(
        'INSERT INTO outbox (event_id, topic, `key`, payload, headers, created_at) VALUES ?',
        [rows.slice(i, i + 2000)],
      );
    }
    const [[range]] = await activity.query('SELECT MAX(id) AS last FROM outbox');
    await activity.commit();
    const t0 = Date.now();
    const first = Number(range.last) - n + 1;
    const published = await waitFor('relay', 120_000, async () => {
      const [[row]] = await activity.query(
        'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
      );
      return Number(row.n) === 0;
    });
    const consumed = await waitFor('feed consumer', config.quick ? 120_000 : 300_000, async () => {
      const [[row]] = await feed.query(
        "SELECT COUNT(*) AS n FROM processed_events WHERE event_type = 'like.created'",
      );
      return Number(row.n) - Number(before.n) >= n;
    });
    const [[pub]] = await activity.query(
      'SELECT MIN(published_at) AS first, MAX(published_at) AS last, SUM(published_at = (SELECT MIN(published_at) FROM outbox WHERE id >= ?)) AS firstBatch FROM outbox WHERE id >= ?',
      [first, first],
    );
    const [[proc]] = await feed.query(
      "SELECT MIN(processed_at) AS first, MAX(processed_at) AS last FROM processed_events WHERE event_type = 'like.created' AND processed_at >= ?",
      [new Date(t0 - 5000).toISOString().replace('T', ' ').replace('Z', '')],
    );
    // Steady rates: the span between the first and last stamp, minus the batch marked at the first stamp.
    // With a single batch there is no span: fall back to commit-to-published, which includes
    // up to one relay poll interval (200 ms) of waiting.
    const firstBatch = Number(pub.firstBatch);
    const relayRate =
      firstBatch < n
        ? (n - firstBatch) / (Math.max(1, ms(pub.last) - ms(pub.first)) / 1000)
        : n / (Math.max(1, ms(pub.last) - t0) / 1000);
    const consumerSpan = Math.max(1, ms(proc.last) - ms(proc.first)) / 1000;
    const consumerRate = (n - 1) / consumerSpan;
    log(`pipeline: relay ${relayRate.toFixed(0)}/s, consumer ${consumerRate.toFixed(0)}/s`);
    const reference = await runChild('kafka-ref.mjs', {
      brokers: ctx.stack.kafka.brokers,
      topic: `bench-ref-${Date.now()}`,
      seconds: config.quick ? 2 : 5,
      maxMessages: 50_000,
      value: rows[0][3],
    });
    log(`pipeline: awaited single-message producer ${reference.messagesPerSecond}/s`);
    const r = (x) => Number(x.toFixed(2));
    return {
      events: n,
      relay: {
        eventsPerSecond: r(relayRate),
        endToEndSeconds: r((published - t0) / 1000),
        firstBatch,
      },
      consumer: { eventsPerSecond: r(consumerRate), endToEndSeconds: r((consumed - t0) / 1000) },
      reference,
      rows: [
        {
          measure: 'outbox relay publish rate vs awaited single-message producer',
          value: `${r(relayRate)} events/s`,
          reference: `${reference.messagesPerSecond} msg/s`,
          ratio: r(relayRate / reference.messagesPerSecond),
          target: '≥ 10x',
          met: relayRate / reference.messagesPerSecond >= 10,
        },
        {
          measure: 'feed consumer rate vs awaited single-message producer',
          value: `${r(consumerRate)} events/s`,
          reference: `${reference.messagesPerSecond} msg/s`,
          ratio: r(consumerRate / reference.messagesPerSecond),
          target: '≥ 10x',
          met: consumerRate / reference.messagesPerSecond >= 10,
        },
      ],
    };
  } finally {
    await activity.end();
    await feed.end();
  }
}
