// Runs a bench script in a child process: it gets `input` over IPC and sends back one result.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pin } from './proc.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function runChild(script, input, { cpu = null, timeoutMs = 180_000 } = {}) {
  const child = fork(path.join(HERE, script), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (cpu !== null) pin(child.pid, cpu);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message.ok) resolve(message.result);
      else reject(new Error(`${script}: ${message.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
    });
    child.send(input);
  });
}

/** The child side: `handler(input)` resolves the result, which is sent back before exiting. */
export function serveChild(handler) {
  process.once('message', async (input) => {
    try {
      const result = await handler(input);
      process.send({ ok: true, result }, () => process.exit(0));
    } catch (error) {
      process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
    }
  });
}
