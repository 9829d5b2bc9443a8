import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase } from '@social/kit/orm';
import {
  TEST_KAFKA_BROKERS,
  TEST_MYSQL_URL,
  freePort,
  testDatabaseName,
  waitFor,
} from '@social/testkit';

const ROOT = path.resolve(__dirname, '..');

/** One pino line a service printed through the launcher (`[name] {json}`). */
export interface ServiceLine {
  service: string;
  msg: string;
  signal?: string;
}

export interface Launched {
  child: ChildProcess;
  output(): string;
  serviceLines(): ServiceLine[];
  /** The services' process ids, as the launcher printed them. */
  pids(): number[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Throwaway databases, key and mail folders shared by the launches of one test file. */
export function launcherFixture() {
  const databases = {
    MEMBERS_DB: testDatabaseName('sig_members'),
    ACTIVITY_DB: testDatabaseName('sig_activity'),
    FEED_DB: testDatabaseName('sig_feed'),
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signals-'));
  return {
    /** `node scripts/launch.mjs` in a process group of its own (as a terminal would run it). */
    async launch(): Promise<Launched> {
      const [gateway, members, activity, feed, ...ops] = await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7].map(() => freePort()),
      );
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'launch.mjs')], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          ...databases,
          MYSQL_URL: TEST_MYSQL_URL,
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
          FEED_GROUP_ID: `signals-${databases.FEED_DB}`,
          GATEWAY_PORT: String(gateway),
          MEMBERS_PORT: String(members),
          ACTIVITY_PORT: String(activity),
          FEED_PORT: String(feed),
          GATEWAY_OPS_PORT: String(ops[0]),
          MEMBERS_OPS_PORT: String(ops[1]),
          ACTIVITY_OPS_PORT: String(ops[2]),
          FEED_OPS_PORT: String(ops[3]),
          DEV_KEY_DIR: path.join(dir, 'keys'),
          DEV_MAILBOX_DIR: path.join(dir, 'mailbox'),
          // JSON lines (not development's pretty ones), so the test can read them.
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          APOLLO_TELEMETRY_DISABLED: '1',
        },
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
        (resolve) => child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const launched = {
        child,
        output: () => output,
        serviceLines: () => parse(output),
        pids: () =>
          [...output.matchAll(/ready on port \d+ in [\d.]+ s \(pid (\d+)\)/g)].map((match) =>
            Number(match[1]),
          ),
        exited,
      };
      let gone = false;
      void exited.then(() => (gone = true));
      await waitFor(
        'the launcher to print the GraphQL URL',
        () => {
          if (gone) throw new Error(`the launcher exited before ready:\n${output}`);
          return output.includes('GraphQL API:');
        },
        { timeoutMs: 120_000, intervalMs: 100 },
      );
      return launched;
    },
    async cleanup(): Promise<void> {
      await Promise.all(Object.values(databases).map((name) => dropDatabase(TEST_MYSQL_URL, name)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function parse(output: string): ServiceLine[] {
  const lines: ServiceLine[] = [];
  for (const line of output.split('\n')) {
    const match = /^\[(members|activity|feed|gateway)\] (\{.*\})$/.exec(line);
    if (!match) continue;
    const entry = JSON.parse(match[2]) as Omit<ServiceLine, 'service'>;
    lines.push({ ...entry, service: match[1] });
  }
  return lines;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
