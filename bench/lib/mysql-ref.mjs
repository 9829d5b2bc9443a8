// Reference for fan-out: a bare mysql2 script writing the same feed entries (one post into
// every follower's feed) with the same multi-row INSERT IGNORE batches, in one transaction,
// into the feed's own table on the same MariaDB; each run's rows are deleted afterwards.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { serveChild } from './child.mjs';

function fakePostId() {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

serveChild(async ({ mysqlUrl, database, owners, authorId, batchSize, runs }) => {
  const connection = await mysql.createConnection({ uri: mysqlUrl, database, timezone: 'Z' });
  const results = [];
  try {
    await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    for (let run = 0; run < runs; run += 1) {
      const postId = fakePostId();
      const createdAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
      const started = performance.now();
      await connection.beginTransaction();
      for (let i = 0; i < owners.length; i += batchSize) {
        const rows = owners
          .slice(i, i + batchSize)
          .map((owner) => [owner, createdAt, postId, authorId]);
        await connection.query(
          'INSERT IGNORE INTO feed_entries (owner_id, post_created_at, post_id, author_id) VALUES ?',
          [rows],
        );
      }
      await connection.commit();
      const seconds = (performance.now() - started) / 1000;
      results.push({
        entries: owners.length,
        seconds: Number(seconds.toFixed(3)),
        entriesPerSecond: Math.round(owners.length / seconds),
      });
      await connection.query('DELETE FROM feed_entries WHERE post_id = ?', [postId]);
    }
  } finally {
    await connection.end();
  }
  return results;
});
