// References for the event pipeline, on the same broker, in a process of their own:
// - produce: the client's limit for the relay: a kafkajs producer configured like the outbox
//   relay (idempotent, one request in flight, acks from all replicas) sending the same messages
//   in the same batches, each batch awaited, to a scratch topic with the activity topic's
//   partitions;
// - consume: the client's limit for the feed consumer: a kafkajs consumer of a fresh group over
//   that already published scratch topic, with the feed's partition concurrency and an eachBatch
//   that only resolves and commits offsets.
// - consume-write: the physical limit of the feed consumer's job for these events: the same
//   kafkajs consumer, and per chunk of the feed's FEED_TX_MAX_EVENTS one transaction that
//   writes exactly the rows the feed writes for a like (a processed_events row, a notification
//   with its hashed id, the same multi-row statements) into copies of the feed's two tables
//   (CREATE TABLE ... LIKE: the same indexes), then the offset commit. No checks, no ORM.
// - relay-bare: the physical limit of the outbox relay's job: the same kafkajs producer and the
//   same statements on a copy of the outbox (CREATE TABLE ... LIKE) holding the same rows
//   unpublished: read the oldest batch, produce it while marking the one before and reading the
//   next (the relay's overlap), mark. One connection, no lock, no tracing, no checks.
// kafkajs runs with the same fix of its idle timer loop as every service (kit's
// stopKafkaIdleLoop), so both sides pay for the same client.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';
import mysql from 'mysql2/promise';
import { serveChild } from './child.mjs';

const { Kafka, Partitioners, logLevel } = kafkajs;
createRequire(import.meta.url)('../../packages/kit/dist/kafka-idle-loop.js').stopKafkaIdleLoop();

const client = (brokers) =>
  new Kafka({ clientId: 'bench-ref', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

/** Steady rate: the batches after the first, over the time between the first's end and the last's. */
function steadyRate(count, firstBatch, startedAt, ends) {
  if (ends.length < 2) return count / (Math.max(1, ends[0] - startedAt) / 1000);
  return (count - firstBatch) / (Math.max(1, ends[ends.length - 1] - ends[0]) / 1000);
}

/** The topic and its warm-up twin, and a producer configured like the outbox relay's. */
async function relayLikeProducer(brokers, topic, numPartitions) {
  const kafka = client(brokers);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [topic, `${topic}-warm`].map((name) => ({
      topic: name,
      numPartitions,
      replicationFactor: 1,
    })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

async function produce({ brokers, topic, numPartitions, messages, batchSize }) {
  const producer = await relayLikeProducer(brokers, topic, numPartitions);
  // Warm the connections to every partition leader before the clock starts.
  await producer.send({ topic: `${topic}-warm`, acks: -1, messages: messages.slice(0, 50) });
  const startedAt = Date.now();
  const ends = [];
  for (let i = 0; i < messages.length; i += batchSize) {
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + batchSize) });
    ends.push(Date.now());
  }
  await producer.disconnect();
  const rate = steadyRate(messages.length, Math.min(batchSize, messages.length), startedAt, ends);
  return {
    sent: messages.length,
    batches: ends.length,
    seconds: Number(((ends[ends.length - 1] - startedAt) / 1000).toFixed(2)),
    messagesPerSecond: Number(rate.toFixed(1)),
  };
}

async function relayBare(input) {
  const { brokers, topic, numPartitions, mysqlUrl, database, table, batchSize, unpublishedAt } =
    input;
  const db = await mysql.createConnection({
    uri: mysqlUrl,
    database,
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    jsonStrings: true,
  });
  const producer = await relayLikeProducer(brokers, topic, numPartitions);
  // A batch is a contiguous id range of the copy: BETWEEN marks and excludes it exactly.
  const span = (rows) => [rows[0].id, rows[rows.length - 1].id];
  const read = async (inFlight) => {
    const [rows] = await db.query(
      `select id, event_id, topic, \`key\`, payload, headers from ${table} where published_at = ? ${inFlight ? 'and id not between ? and ? ' : ''}order by id limit ?`,
      [unpublishedAt, ...(inFlight ? span(inFlight) : []), batchSize],
    );
    return rows;
  };
  const mark = async (rows) => {
    if (rows.length > 0)
      await db.query(
        `update ${table} set published_at = utc_timestamp(3) where id between ? and ?`,
        span(rows),
      );
  };
  const send = (rows, to) =>
    producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic: to,
          messages: rows.map((row) => ({
            key: row.key,
            value: row.payload,
            headers: JSON.parse(row.headers),
          })),
        },
      ],
    });
  // Warm the connections to every partition leader before the clock starts.
  await send((await read(null)).slice(0, 50), `${topic}-warm`);
  const startedAt = Date.now();
  const ends = [];
  let sent = 0;
  let rows = await read(null);
  let previous = [];
  while (rows.length > 0) {
    const current = rows;
    const before = previous;
    const [, next] = await Promise.all([
      send(current, topic),
      (async () => {
        await mark(before);
        return current.length === batchSize ? read(current) : [];
      })(),
    ]);
    sent += current.length;
    ends.push(Date.now());
    previous = current;
    rows = next;
  }
  await mark(previous);
  await producer.disconnect();
  await db.end();
  const rate = steadyRate(sent, Math.min(batchSize, sent), startedAt, ends);
  return {
    sent,
    batches: ends.length,
    seconds: Number(((ends[ends.length - 1] - startedAt) / 1000).toFixed(2)),
    messagesPerSecond: Number(rate.toFixed(1)),
  };
}

async function consume(input) {
  const { brokers, topic, expected, partitionsConcurrently, timeoutMs } = input;
  const writer = input.mode === 'consume-write' ? await createWriter(input) : null;
  const consumer = client(brokers).consumer({
    groupId: `${topic}-ref-${Date.now()}`,
    maxWaitTimeInMs: 1000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`consumer reference: ${seen} of ${expected} after ${timeoutMs} ms`)),
      timeoutMs,
    );
    consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: partitionsConcurrently,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets }) => {
        first ||= Date.now();
        const messages = batch.messages;
        const chunk = writer?.chunk ?? messages.length;
        for (let i = 0; i < messages.length; i += chunk) {
          const part = messages.slice(i, i + chunk);
          if (writer) await writer.write(part);
          resolveOffset(part[part.length - 1].offset);
          await commitOffsetsIfNecessary(uncommittedOffsets());
        }
        seen += batch.messages.length;
        last = Date.now();
        if (seen >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await done;
  await consumer.disconnect();
  await writer?.end();
  return {
    consumed: seen,
    seconds: Number(((last - first) / 1000).toFixed(2)),
    messagesPerSecond: Number((seen / (Math.max(1, last - first) / 1000)).toFixed(1)),
  };
}

/** The notification id as the feed derives it (notification-effects.ts). */
function notificationId(naturalKey) {
  const hex = createHash('sha256').update(naturalKey).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const sqlNow = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

async function createWriter({ mysqlUrl, database, txMaxEvents, partitionsConcurrently }) {
  if (!Number.isInteger(txMaxEvents) || txMaxEvents < 1)
    throw new Error(
      `consume-write reference: txMaxEvents must be a positive integer, not ${txMaxEvents}`,
    );
  const pool = mysql.createPool({
    uri: mysqlUrl,
    database,
    connectionLimit: partitionsConcurrently,
    timezone: 'Z',
  });
  for (const table of ['processed_events', 'notifications']) {
    await pool.query(`DROP TABLE IF EXISTS ref_${table}`);
    await pool.query(`CREATE TABLE ref_${table} LIKE ${table}`);
  }
  return {
    chunk: txMaxEvents,
    async write(messages) {
      const events = messages.map((message) => JSON.parse(message.value.toString()));
      const at = sqlNow();
      const connection = await pool.getConnection();
      try {
        await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        await connection.beginTransaction();
        await connection.query(
          'INSERT IGNORE INTO ref_processed_events (event_id, event_type, processed_at) VALUES ?',
          [events.map((event) => [event.id, event.type, at])],
        );
        await connection.query(
          `INSERT INTO ref_notifications (id, recipient_id, kind, actor_id, post_id, created_at, read_at) VALUES ?
           ON DUPLICATE KEY UPDATE retracted_at = NULL`,
          [
            events.map(({ payload, occurredAt }) => [
              notificationId(`liked:${payload.postId}:${payload.likerId}`),
              payload.postAuthorId,
              'POST_LIKED',
              payload.likerId,
              payload.postId,
              occurredAt.replace('T', ' ').replace('Z', ''),
              null,
            ]),
          ],
        );
        await connection.commit();
      } finally {
        connection.release();
      }
    },
    async end() {
      for (const table of ['processed_events', 'notifications'])
        await pool.query(`DROP TABLE IF EXISTS ref_${table}`);
      await pool.end();
    },
  };
}

const MODES = { produce, 'relay-bare': relayBare, consume, 'consume-write': consume };
serveChild((input) => MODES[input.mode](input));
