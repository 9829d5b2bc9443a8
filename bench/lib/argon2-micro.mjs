// The physical limit of logins: argon2id verifies at members' parameters, `concurrency` at a
// time (members' semaphore allows 2), for `seconds`, on the same cores members runs on; with
// the CPU time each verify costs this process (all threads: argon2 runs on libuv's pool).
import { createRequire } from 'node:module';
import argon2 from 'argon2';
import { serveChild } from './child.mjs';

const require = createRequire(import.meta.url);

serveChild(async ({ seconds, concurrency, password }) => {
  const { ARGON2_OPTIONS } = require('../../subgraphs/members/dist/shared/password-hasher.js');
  const hash = await argon2.hash(password, ARGON2_OPTIONS);
  await argon2.verify(hash, password);
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline && done < 100_000) {
        if (!(await argon2.verify(hash, password))) throw new Error('verify failed');
        done += 1;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    parameters: {
      memoryCost: ARGON2_OPTIONS.memoryCost,
      timeCost: ARGON2_OPTIONS.timeCost,
      parallelism: ARGON2_OPTIONS.parallelism,
    },
    concurrency,
    verifies: done,
    seconds: Number(elapsed.toFixed(2)),
    verifiesPerSecond: Number((done / elapsed).toFixed(1)),
    msPerVerify: Number(((elapsed * 1000 * concurrency) / done).toFixed(1)),
    cpuMsPerVerify: Number(((cpu.user + cpu.system) / 1000 / done).toFixed(2)),
  };
});
