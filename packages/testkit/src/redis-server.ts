import { spawn, type ChildProcess } from 'node:child_process';
import { restartablePort } from './ports';

export interface RedisServer {
  url: string;
  /** Stops the server and waits for the process to exit (clients see their connection drop). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it accepts connections. */
  start(): Promise<void>;
}

/**
 * A real redis-server of the test's own, on its own port, without persistence: the test stops
 * and restarts it to see an outage, which the shared Redis must never have.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await restartablePort();
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child = proc;
      let output = '';
      proc.once('error', reject);
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
    });
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}
