// External tools: Java and Maven, run without a shell.

import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { readText } from './paths.mjs';

const LOG_TAIL_LINES = 20;
const MIN_JAVA = 17;
const SETUP_HINT = 'install Java 17 and Maven (e.g. apt install openjdk-17-jdk-headless maven)';

export function javaBin() {
  // Honour JAVA_HOME like Kafka's own scripts do, so a machine with several JDKs picks the same one.
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

function missingTool(name) {
  return new Error(
    `Kafka needs Java ${MIN_JAVA}+ and Maven but '${name}' was not found: ${SETUP_HINT}.`,
  );
}

let javaChecked = false;

export function requireJava() {
  if (javaChecked) return;
  const res = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (res.error?.code === 'ENOENT') throw missingTool(javaBin());
  if (res.error) throw res.error;
  // e.g. `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_402"`.
  const m = /version "(\d+)(?:\.(\d+))?/.exec(res.stderr);
  const major = m ? Number(m[1] === '1' ? m[2] : m[1]) : NaN;
  if (!(major >= MIN_JAVA)) {
    throw new Error(
      `Kafka 4 needs Java ${MIN_JAVA}+, found ${m ? major : 'an unknown version'}: ${SETUP_HINT}.`,
    );
  }
  javaChecked = true;
}

// Runs a command to completion. With `fd`, output goes straight to that file; otherwise it is
// collected so a failure can be reported.
export function run(cmd, args, { cwd, fd } = {}) {
  return new Promise((resolve, reject) => {
    const stdio = fd == null ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd];
    const child = spawn(cmd, args, { cwd, stdio });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', (err) => reject(err.code === 'ENOENT' ? missingTool(cmd) : err));
    child.once('close', (code, signal) => resolve({ code: code ?? signal, output }));
  });
}

export function lastLines(text, n = LOG_TAIL_LINES) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

export function tailFile(file, n = LOG_TAIL_LINES) {
  // broker.log is truncated on every start, so reading it whole stays cheap.
  const text = readText(file);
  return text ? lastLines(text, n) : '(empty)';
}
