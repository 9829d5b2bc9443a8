// Scenario 5: the event pipeline, each half against the client's own limit on the same broker.
// N like.created events (on existing posts, so the feed only writes notifications) go into
// activity's outbox in one transaction, as mutations would write them, while the feed is
// stopped; the relay publishes them (rate over its steady-state batches, from published_at).
// Then the feed starts on that published backlog (rate from processed_at). References
// (lib/kafka-ref.mjs): the same messages sent by kafkajs in the relay's batches, and read back
// by a kafkajs consumer whose eachBatch does nothing but commit.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { log } from '../../scripts/lib/prepare.mjs';
import { runChild } from '../lib/child.mjs';
import { DATABASES } from '../lib/config.mjs';
import { feedRules } from '../lib/seed.mjs';
import { launch, stop } from '../lib/stack.mjs';

// The relay's OUTBOX_BATCH_SIZE and the feed's FEED_PARTITIONS_CONCURRENTLY defaults (env.ts).
const RELAY_BATCH = 2000;
const FEED_PARTITIONS_CONCURRENTLY = 3;

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
  const { UNPUBLISHED, UNPUBLISHED_AT } = require('@social/kit/outbox');
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
      const [[row]] = await activity.query(`SELECT COUNT(*) AS n FROM outbox WHERE ${UNPUBLISHED}`);
      return Number(row.n) === 0;
    });
    await sleep(1000);
    // The consumer is measured on a backlog, not on the relay's pace.
    await stop(ctx.stack, 'feed');
    // Every like.created processed from here on is one of ours.
    const stopped = Date.now();
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
      const [[row]] = await activity.query(`SELECT COUNT(*) AS n FROM outbox WHERE ${UNPUBLISHED}`);
      return Number(row.n) === 0;
    });
    const restarted = Date.now();
    await launch(config, ctx.stack, 'feed');
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
      [new Date(stopped).toISOString().replace('T', ' ').replace('Z', '')],
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
    const topic = `bench-ref-${Date.now()}`;
    // With the rows' headers (event type, request id), as the relay sends them.
    const messages = rows.map((row) => ({
      key: row[2],
      value: row[3],
      headers: JSON.parse(row[4]),
    }));
    const producerRef = await runChild('kafka-ref.mjs', {
      mode: 'produce',
      brokers: ctx.stack.kafka.brokers,
      topic,
      numPartitions: ACTIVITY_TOPIC.numPartitions,
      messages,
      batchSize: RELAY_BATCH,
    });
    // The relay's job done bare: the same rows, unpublished again, in a copy of the outbox.
    const copy = 'bench_outbox_ref';
    await activity.query(`DROP TABLE IF EXISTS ${copy}`);
    await activity.query(`CREATE TABLE ${copy} LIKE outbox`);
    await activity.query(
      `INSERT INTO ${copy} (event_id, topic, \`key\`, payload, headers, created_at, published_at) SELECT event_id, topic, \`key\`, payload, headers, created_at, ? FROM outbox WHERE id >= ? ORDER BY id`,
      [UNPUBLISHED_AT, first],
    );
    // No write-back wait: the relay, too, starts right after its rows were written.
    const bareRef = await runChild('kafka-ref.mjs', {
      mode: 'relay-bare',
      brokers: ctx.stack.kafka.brokers,
      topic: `${topic}-bare`,
      numPartitions: ACTIVITY_TOPIC.numPartitions,
      mysqlUrl: config.mysqlUrl,
      database: DATABASES.activity,
      table: copy,
      batchSize: RELAY_BATCH,
      unpublishedAt: UNPUBLISHED_AT,
    });
    await activity.query(`DROP TABLE ${copy}`);
    const consumerRef = await runChild('kafka-ref.mjs', {
      mode: 'consume',
      brokers: ctx.stack.kafka.brokers,
      topic,
      expected: n,
      partitionsConcurrently: FEED_PARTITIONS_CONCURRENTLY,
      timeoutMs: 120_000,
    });
    const floorRef = await runChild('kafka-ref.mjs', {
      mode: 'consume-write',
      brokers: ctx.stack.kafka.brokers,
      topic,
      expected: n,
      partitionsConcurrently: FEED_PARTITIONS_CONCURRENTLY,
      timeoutMs: 300_000,
      mysqlUrl: config.mysqlUrl,
      database: DATABASES.feed,
      txMaxEvents: feedRules(config).txMaxEvents,
    });
    log(
      `pipeline: kafkajs batches ${producerRef.messagesPerSecond}/s, bare relay ${bareRef.messagesPerSecond}/s, no-op consumer ${consumerRef.messagesPerSecond}/s, bare writes consumer ${floorRef.messagesPerSecond}/s`,
    );
    const r = (x) => Number(x.toFixed(2));
    return {
      events: n,
      relay: {
        eventsPerSecond: r(relayRate),
        endToEndSeconds: r((published - t0) / 1000),
        firstBatch,
      },
      consumer: {
        eventsPerSecond: r(consumerRate),
        fromRestartSeconds: r((consumed - restarted) / 1000),
      },
      reference: {
        producer: producerRef,
        relayBare: bareRef,
        consumer: consumerRef,
        consumerWrites: floorRef,
      },
      rows: [
        {
          measure: `outbox relay publish rate (${n} events, steady-state batches) vs the same job done bare: the same kafkajs producer and the same read, produce and mark statements on a copy of the outbox holding the same rows, batches of ${RELAY_BATCH} overlapped like the relay's`,
          value: `${r(relayRate)} events/s`,
          reference: `${bareRef.messagesPerSecond} events/s`,
          ratio: r(relayRate / bareRef.messagesPerSecond),
          target: '≥ 0.8x',
          met: relayRate / bareRef.messagesPerSecond >= 0.8,
        },
        {
          measure: `outbox relay publish rate vs kafkajs alone sending the same batches of ${RELAY_BATCH} (the client without the outbox's reads and marks)`,
          value: `${r(relayRate)} events/s`,
          reference: `${producerRef.messagesPerSecond} msg/s`,
          ratio: r(relayRate / producerRef.messagesPerSecond),
          target: 'informative (the outbox pays its reads and marks on the same cores)',
          met: null,
        },
        {
          measure: `feed consumer rate over a published backlog of ${n} vs the same kafkajs consumer writing the same rows bare (processed_events + notification, one transaction per ${feedRules(config).txMaxEvents} events, tables copied LIKE the feed's)`,
          value: `${r(consumerRate)} events/s`,
          reference: `${floorRef.messagesPerSecond} events/s`,
          ratio: r(consumerRate / floorRef.messagesPerSecond),
          target: '≥ 0.8x',
          met: consumerRate / floorRef.messagesPerSecond >= 0.8,
        },
        {
          measure: `feed consumer rate vs a kafkajs consumer with a no-op eachBatch over the same backlog (the client alone, no database)`,
          value: `${r(consumerRate)} events/s`,
          reference: `${consumerRef.messagesPerSecond} msg/s`,
          ratio: r(consumerRate / consumerRef.messagesPerSecond),
          target: 'informative (the database is the limit)',
          met: null,
        },
      ],
    };
  } finally {
    await activity.end();
    await feed.end();
  }
}
