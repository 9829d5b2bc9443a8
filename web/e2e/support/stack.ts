import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dropDatabase } from '@social/kit/orm';
import {
  TEST_KAFKA_BROKERS,
  freePort,
  startSmtpInbox,
  testDatabaseName,
  type SmtpInbox,
} from '@social/testkit';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

interface ServiceProc {
  service: { name: string; portVar: string; opsPortVar: string };
  child: ChildProcess;
}

interface ServicesModule {
  SERVICES: Array<{ name: string; portVar: string; opsPortVar: string }>;
  startService(service: unknown, env: NodeJS.ProcessEnv, options: { quiet: boolean }): ServiceProc;
  waitReady(proc: ServiceProc, port: number, timeoutMs?: number): Promise<void>;
  stopServices(procs: ServiceProc[]): Promise<void>;
}

type ServiceName = 'gateway' | 'members' | 'activity' | 'feed';

export interface StackOptions {
  /** Short lifetimes make expiry happen within a test (seconds). */
  accessTokenTtl?: number;
  refreshTokenTtl?: number;
}

export interface Stack {
  /** The gateway's origin: the app, /graphql and /avatars all live here. */
  origin: string;
  /** Each service's public port (/graphql, /healthz), by service name. */
  ports: Record<ServiceName, number>;
  /** Each service's operations port (/readyz, /metrics), by service name. */
  opsPorts: Record<ServiceName, number>;
  inbox: SmtpInbox;
  /** The last log lines of each service, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

function keepTail(proc: ServiceProc, lines: string[]): void {
  const push = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      lines.push(`[${proc.service.name}] ${line}`);
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  proc.child.stdout?.on('data', push);
  proc.child.stderr?.on('data', push);
}

/**
 * The real stack from the compiled dist/ of every service (the same launcher as `npm start`),
 * on free ports, with throwaway databases, its own signing key, its own Kafka consumer group
 * and an in-process SMTP inbox. Build first: `npx turbo run build`.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const services: ServicesModule = await import(
    pathToFileURL(path.join(ROOT, 'scripts', 'lib', 'services.mjs')).href
  );
  const inbox = await startSmtpInbox();
  const [gateway, members, activity, feed, ...ops] = await Promise.all(
    Array.from({ length: 8 }, () => freePort()),
  );
  const opsPorts = {
    gateway: Number(ops[0]),
    members: Number(ops[1]),
    activity: Number(ops[2]),
    feed: Number(ops[3]),
  };
  const origin = `http://127.0.0.1:${gateway}`;
  const databases = {
    MEMBERS_DB: testDatabaseName('e2e_members'),
    ACTIVITY_DB: testDatabaseName('e2e_activity'),
    FEED_DB: testDatabaseName('e2e_feed'),
  };
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-keys-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...databases,
    GATEWAY_PORT: String(gateway),
    MEMBERS_PORT: String(members),
    ACTIVITY_PORT: String(activity),
    FEED_PORT: String(feed),
    GATEWAY_OPS_PORT: String(opsPorts.gateway),
    MEMBERS_OPS_PORT: String(opsPorts.members),
    ACTIVITY_OPS_PORT: String(opsPorts.activity),
    FEED_OPS_PORT: String(opsPorts.feed),
    // The test broker (npm test's, 19092), never the development one on 9092.
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    // The topics are fixed; groups of our own keep this stack's offsets apart from others', so
    // no other stack's consumer takes a partition, and with it this one's events.
    FEED_GROUP_ID: `e2e-feed-${databases.FEED_DB}`,
    ACTIVITY_MEMBER_GROUP_ID: `e2e-activity-members-${databases.ACTIVITY_DB}`,
    SMTP_URL: inbox.url,
    PUBLIC_URL: origin,
    DEV_KEY_DIR: keyDir,
    ACCESS_TOKEN_TTL: String(options.accessTokenTtl ?? 900),
    REFRESH_TOKEN_TTL: String(options.refreshTokenTtl ?? 1_209_600),
    // Every browser request comes from 127.0.0.1: the per-address limit would count them all.
    AUTH_RATE_PER_ADDRESS: '100000',
    NODE_ENV: 'development',
    APOLLO_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  };
  const quiet = !process.env.E2E_VERBOSE;
  const tail: string[] = [];
  const procs: ServiceProc[] = [];
  const stop = async () => {
    await services.stopServices([...procs].reverse());
    await Promise.all(Object.values(databases).map((name) => dropDatabase(MYSQL_URL, name)));
    await inbox.close();
    rmSync(keyDir, { recursive: true, force: true });
  };
  const launch = async (name: string) => {
    const service = services.SERVICES.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`no service ${name} in scripts/lib/services.mjs`);
    const proc = services.startService(service, env, { quiet });
    keepTail(proc, tail);
    procs.push(proc);
    await services.waitReady(proc, Number(env[service.opsPortVar]), 90_000);
  };
  try {
    // Members first: the others fetch its JWKS when they start.
    await launch('members');
    await Promise.all([launch('activity'), launch('feed')]);
    await launch('gateway');
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${tail.join('\n')}`);
  }
  return {
    origin,
    ports: {
      gateway: Number(gateway),
      members: Number(members),
      activity: Number(activity),
      feed: Number(feed),
    },
    opsPorts,
    inbox,
    logs: () => tail.join('\n'),
    stop,
  };
}
