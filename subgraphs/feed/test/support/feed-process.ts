import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_KAFKA_BROKERS, TEST_MYSQL_URL } from '@social/testkit';

const feedRoot = path.resolve(__dirname, '..', '..');

export interface FeedProcess {
  child: ChildProcess;
  /** Everything the process logged so far (pino JSON lines). */
  logs(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the real feed service (src/index.ts, compiled on the fly by SWC) as a child process. */
export function spawnFeed(env: Record<string, string>): FeedProcess {
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(feedRoot, 'test', 'fixtures', 'swc-register.js'),
      path.join(feedRoot, 'src', 'index.ts'),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        APOLLO_TELEMETRY_DISABLED: '1',
        MYSQL_URL: TEST_MYSQL_URL,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
        FEED_PORT: '0',
        JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, logs: () => output, exited };
}
