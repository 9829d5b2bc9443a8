import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface SecondBroker {
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * A Kafka broker of this test's own (the shared one must not be stopped), via startKafka from
 * scripts/lib/kafka/index.mjs in a child process. Starting again with the same dataDir and ports
 * brings back the same cluster with its topics and messages.
 */
export function startSecondBroker(options: {
  dataDir: string;
  port: number;
  controllerPort: number;
}): Promise<SecondBroker> {
  const script = path.join(__dirname, 'second-broker.mjs');
  const child = spawn(process.execPath, [script, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^ready (\S+)$/.exec(line);
      if (!match) return;
      resolve({
        brokers: match[1].split(','),
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
    void exited.then((code) =>
      reject(new Error(`the test broker exited (${code}) before it was ready:\n${stderr}`)),
    );
  });
}
