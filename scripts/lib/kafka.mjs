// Local single-node Apache Kafka (KRaft, broker + controller in one JVM) for development and tests.
//
// Runs before `npm ci`, so it may only use Node built-ins. The broker itself comes from Maven
// Central (infra/kafka/pom.xml) rather than a Docker image or a tarball: Java and Maven are the
// only prerequisites, and ~/.m2 caches the download across clones.

import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = '127.0.0.1';
const NODE_ID = 1;
const POLL_MS = 200;
const STOP_GRACE_MS = 20_000;
const LOG_TAIL_LINES = 20;
const MIN_JAVA = 17;
const SETUP_HINT = 'install Java 17 and Maven (e.g. apt install openjdk-17-jdk-headless maven)';

const noop = () => {};

// ---------------------------------------------------------------------------------------------
// Paths

function installPaths(root) {
  const cacheDir = path.join(root, '.cache', 'kafka');
  return {
    pom: path.join(root, 'infra', 'kafka', 'pom.xml'),
    log4j: path.join(root, 'infra', 'kafka', 'log4j2.properties'),
    cacheDir,
    libDir: path.join(cacheDir, 'lib'),
  };
}

function brokerPaths(dataDir) {
  return {
    dataDir,
    props: path.join(dataDir, 'server.properties'),
    logs: path.join(dataDir, 'logs'),
    log: path.join(dataDir, 'broker.log'),
    pid: path.join(dataDir, 'broker.pid'),
    clusterId: path.join(dataDir, 'cluster.id'),
  };
}

function classpath(libDir) {
  // Expanded by the JVM itself, not a shell: we never spawn through one.
  return path.join(libDir, '*');
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// External tools

function javaBin() {
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

function requireJava() {
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
function run(cmd, args, { cwd, fd } = {}) {
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

function lastLines(text, n = LOG_TAIL_LINES) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

function tailFile(file, n = LOG_TAIL_LINES) {
  // broker.log is truncated on every start, so reading it whole stays cheap.
  const text = readText(file);
  return text ? lastLines(text, n) : '(empty)';
}

// ---------------------------------------------------------------------------------------------
// Jars

function pomDigest(pomPath) {
  const xml = fs.readFileSync(pomPath, 'utf8');
  const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(xml)?.[1];
  if (!version) throw new Error(`No <kafka.version> property in ${pomPath}`);
  return { version, hash: createHash('sha256').update(xml).digest('hex') };
}

// The stamp records which pom the folder was fetched from, so a log4j bump (not only a Kafka
// one) triggers a re-fetch; it is written before the folder is renamed into place.
const STAMP = '.pom.sha256';

function jarsComplete(dir, { version, hash }) {
  return (
    fs.existsSync(path.join(dir, `kafka_2.13-${version}.jar`)) &&
    readText(path.join(dir, STAMP)) === hash
  );
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// Removes temp folders of earlier runs that were killed mid-download; the owning pid is part of
// the name so a concurrent live run is left alone.
async function removeAbandonedDirs(cacheDir) {
  const entries = await fsp.readdir(cacheDir).catch(() => []);
  for (const name of entries) {
    const m = /^lib\.(?:tmp|old)-(\d+)$/.exec(name);
    if (m && !isAlive(Number(m[1]))) {
      await fsp.rm(path.join(cacheDir, name), { recursive: true, force: true });
    }
  }
}

async function fetchJars(pomPath, outDir) {
  const args = [
    '-B',
    '-q',
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outDir}`,
  ];
  const res = await run('mvn', args, { cwd: path.dirname(pomPath) });
  if (res.code !== 0) {
    throw new Error(
      `Fetching Kafka jars with Maven failed (exit ${res.code}):\n${lastLines(res.output)}`,
    );
  }
}

// rename() of a directory is atomic, so readers see either the old complete folder or the new
// complete one, never a half-copied set.
async function moveIntoPlace(tmpDir, libDir, digest) {
  try {
    await fsp.rename(tmpDir, libDir);
    return;
  } catch (err) {
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
  }
  // Another process may have finished the same download first.
  if (jarsComplete(libDir, digest)) return;
  const oldDir = `${libDir}.old-${process.pid}`;
  await fsp.rename(libDir, oldDir);
  await fsp.rename(tmpDir, libDir);
  await fsp.rm(oldDir, { recursive: true, force: true });
}

/**
 * Makes sure `<root>/.cache/kafka/lib` holds the broker jars described by infra/kafka/pom.xml.
 * @param {{ root: string, log?: (message: string) => void }} options
 * @returns {Promise<{ libDir: string, version: string, fetched: boolean }>}
 */
export async function ensureKafkaJars({ root, log = noop }) {
  const { pom, cacheDir, libDir } = installPaths(root);
  const digest = pomDigest(pom);
  if (jarsComplete(libDir, digest)) return { libDir, version: digest.version, fetched: false };

  requireJava();
  await fsp.mkdir(cacheDir, { recursive: true });
  await removeAbandonedDirs(cacheDir);
  const tmpDir = `${libDir}.tmp-${process.pid}`;
  await fsp.rm(tmpDir, { recursive: true, force: true });
  log(`fetching Apache Kafka ${digest.version} jars with Maven into ${libDir}`);
  try {
    await fetchJars(pom, tmpDir);
    if (!fs.existsSync(path.join(tmpDir, `kafka_2.13-${digest.version}.jar`))) {
      throw new Error(
        `Maven succeeded but kafka_2.13-${digest.version}.jar is missing from ${tmpDir}`,
      );
    }
    await fsp.writeFile(path.join(tmpDir, STAMP), digest.hash);
    await moveIntoPlace(tmpDir, libDir, digest);
  } finally {
    await fsp.rm(tmpDir, { recursive: true, force: true });
  }
  return { libDir, version: digest.version, fetched: true };
}

// ---------------------------------------------------------------------------------------------
// Configuration and storage

function serverProperties({ port, controllerPort, logsDir }) {
  return `# Written by scripts/lib/kafka.mjs on every start; edits are overwritten.
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=${NODE_ID}@${HOST}:${controllerPort}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${logsDir}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.partitions=1
`;
}

function newClusterId() {
  // Same format as `kafka-storage random-uuid` (16 random bytes, unpadded base64url) without
  // paying for a JVM start. Kafka never hands out ids starting with '-' (they look like flags).
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

// Reuses the id the storage was formatted with: if cluster.id was deleted but logs/ survived, a
// fresh id would not match the formatted log dir.
async function clusterIdFor(paths) {
  const meta = readText(path.join(paths.logs, 'meta.properties'));
  const formatted = meta && /^cluster\.id=(.+)$/m.exec(meta)?.[1].trim();
  const id = formatted || readText(paths.clusterId) || newClusterId();
  if (readText(paths.clusterId) !== id) await fsp.writeFile(paths.clusterId, `${id}\n`);
  return id;
}

async function formatStorage({ install, paths, fd }) {
  const clusterId = await clusterIdFor(paths);
  // meta.properties is exactly what --ignore-formatted checks for; testing it here saves a ~1 s
  // JVM start on every warm restart.
  if (fs.existsSync(path.join(paths.logs, 'meta.properties'))) return;
  const args = [
    '-Xmx256m',
    `-Dlog4j2.configurationFile=${install.log4j}`,
    '-cp',
    classpath(install.libDir),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    paths.props,
    '--ignore-formatted',
  ];
  const res = await run(javaBin(), args, { cwd: paths.dataDir, fd });
  if (res.code !== 0) {
    throw new Error(
      `Formatting Kafka storage failed (exit ${res.code}). Last lines of ${paths.log}:\n${tailFile(paths.log)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No procfs (macOS): ps works everywhere; -ww keeps long classpaths from being cut.
    const res = spawnSync('ps', ['-ww', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return res.status === 0 ? res.stdout : '';
  }
}

// Pid files outlive reboots and pids get reused, so only a java running kafka.Kafka with this
// very properties file counts as ours.
function isOurBroker(pid, propsPath) {
  const cmd = commandLine(pid);
  return /\bjava\b/.test(cmd) && cmd.includes('kafka.Kafka') && cmd.includes(propsPath);
}

function portFromProperties(propsPath) {
  const props = readText(propsPath);
  const port = props && /^advertised\.listeners=PLAINTEXT:\/\/[^:\s]+:(\d+)/m.exec(props)?.[1];
  return port ? Number(port) : null;
}

function readPid(pidFile) {
  const pid = Number(readText(pidFile));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitUntilDead(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

// SIGTERM lets Kafka flush and close its logs (a clean shutdown makes the next start skip log
// recovery); SIGKILL only if it hangs. `waitExit(ms)` resolves true once the process is gone.
async function terminate(pid, waitExit) {
  signal(pid, 'SIGTERM');
  if (await waitExit(STOP_GRACE_MS)) return;
  signal(pid, 'SIGKILL');
  if (!(await waitExit(5_000)))
    throw new Error(`Kafka broker (pid ${pid}) did not exit after SIGKILL`);
}

async function removePidFile(pidFile, pid) {
  if (readPid(pidFile) === pid) await fsp.rm(pidFile, { force: true });
}

/**
 * Stops a broker that startKafka() left running in `dataDir` (e.g. its Node parent was killed).
 * @param {{ root?: string, dataDir: string, log?: (message: string) => void }} options
 * @returns {Promise<boolean>} whether a broker was running
 */
export async function stopKafka({ root = '.', dataDir, log = noop }) {
  const paths = brokerPaths(path.resolve(root, dataDir));
  const pid = readPid(paths.pid);
  const running = pid !== null && isAlive(pid) && isOurBroker(pid, paths.props);
  if (running) {
    log(`stopping Kafka broker left running by an earlier run (pid ${pid})`);
    await terminate(pid, (ms) => waitUntilDead(pid, ms));
  }
  await fsp.rm(paths.pid, { force: true });
  return running;
}

function assertPortFree(port, role) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) => {
      if (err.code !== 'EADDRINUSE') return reject(err);
      reject(
        new Error(
          `Cannot start Kafka: ${HOST}:${port} (${role} port) is already in use by another process (see \`lsof -i :${port}\`); stop it or pick another port.`,
        ),
      );
    });
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

function spawnBroker({ install, paths, heapMb, fd }) {
  const args = [
    `-Xmx${heapMb}m`,
    `-Xms${Math.ceil(heapMb / 2)}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${install.log4j}`,
    '-cp',
    classpath(install.libDir),
    'kafka.Kafka',
    paths.props,
  ];
  return spawn(javaBin(), args, { cwd: paths.dataDir, stdio: ['ignore', fd, fd] });
}

// Wraps the child so callers get one promise for "it is gone" (exit or spawn error) and an
// idempotent stop().
function superviseBroker(child, paths) {
  const exited = new Promise((resolve) => {
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
    child.once('error', (err) => resolve({ code: null, signal: null, error: err }));
  });
  let gone = false;
  exited.then(() => (gone = true));
  // Unref'd: a pending 20 s grace timer must not keep the caller's process alive after exit.
  const waitExit = (ms) =>
    Promise.race([exited.then(() => true), sleep(ms, false, { ref: false })]);
  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (!gone && child.pid) await terminate(child.pid, waitExit);
      if (child.pid) await removePidFile(paths.pid, child.pid);
    })());
  return { exited, stop };
}

function describeExit({ code, signal: sig, error }) {
  if (error) return error.message;
  return sig ? `killed by ${sig}` : `exit code ${code}`;
}

// ---------------------------------------------------------------------------------------------
// Kafka wire protocol: just enough to ask "are you up and is broker 1 registered?"
// All requests use header v1 and non-flexible versions, whose responses use header v0.

const API_METADATA = 3;
const API_VERSIONS = 18;
// Kafka 4 removed Metadata v0-v3 (KIP-896); v4 is the oldest left and still non-flexible.
const METADATA_VERSION = 4;
const CLIENT_ID = Buffer.from('kafka-dev-probe');

function encodeRequest(apiKey, apiVersion, correlationId, body) {
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(CLIENT_ID.length, 8);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + CLIENT_ID.length + body.length);
  return Buffer.concat([size, header, CLIENT_ID, body]);
}

function metadataRequestBody() {
  const body = Buffer.alloc(5);
  body.writeInt32BE(-1, 0); // topics: null array = no topic details, brokers only
  body.writeInt8(0, 4); // allow_auto_topic_creation = false
  return body;
}

// Cursor over a response frame; bounds errors surface as RangeError and fail the probe.
function reader(buf) {
  let offset = 0;
  const take = (n) => {
    const at = offset;
    offset += n;
    return at;
  };
  return {
    int16: () => buf.readInt16BE(take(2)),
    int32: () => buf.readInt32BE(take(4)),
    string() {
      const len = buf.readInt16BE(take(2));
      return len < 0 ? null : buf.toString('utf8', take(len), offset);
    },
  };
}

function openResponse(frame, correlationId) {
  const r = reader(frame);
  const got = r.int32();
  if (got !== correlationId) throw new Error(`correlation id ${got}, expected ${correlationId}`);
  return r;
}

function checkApiVersions(frame, correlationId) {
  const errorCode = openResponse(frame, correlationId).int16();
  if (errorCode !== 0) throw new Error(`ApiVersions returned error code ${errorCode}`);
}

function parseMetadataBrokers(frame, correlationId) {
  const r = openResponse(frame, correlationId);
  r.int32(); // throttle_time_ms
  const count = r.int32();
  const brokers = [];
  for (let i = 0; i < count; i++) {
    const nodeId = r.int32();
    const host = r.string();
    const port = r.int32();
    r.string(); // rack
    brokers.push({ nodeId, host, port });
  }
  return brokers;
}

// Hands out size-prefixed response frames one at a time as the socket delivers bytes.
function frameReader(socket) {
  let buf = Buffer.alloc(0);
  let waiter = null;
  let failure = null;
  const flush = () => {
    if (!waiter || buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
    const end = 4 + buf.readInt32BE(0);
    const frame = buf.subarray(4, end);
    buf = buf.subarray(end);
    const w = waiter;
    waiter = null;
    w.resolve(frame);
  };
  const fail = (err) => {
    failure ??= err;
    waiter?.reject(failure);
    waiter = null;
  };
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    flush();
  });
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed by broker')));
  return () =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      waiter = { resolve, reject };
      flush();
    });
}

/**
 * One readiness probe: ApiVersions must succeed, then Metadata lists the registered brokers.
 * Rejects when the broker is not reachable or not answering yet.
 * @returns {Promise<{ brokers: { nodeId: number, host: string, port: number }[] }>}
 */
export async function probeKafka({ host = HOST, port, timeoutMs = 2_000 }) {
  const socket = net.connect({ host, port });
  const timer = setTimeout(
    () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const nextFrame = frameReader(socket);
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(encodeRequest(API_VERSIONS, 0, 1, Buffer.alloc(0)));
    checkApiVersions(await nextFrame(), 1);
    socket.write(encodeRequest(API_METADATA, METADATA_VERSION, 2, metadataRequestBody()));
    return { brokers: parseMetadataBrokers(await nextFrame(), 2) };
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Start / status

async function probeReady(port) {
  try {
    const { brokers } = await probeKafka({ port, timeoutMs: 1_000 });
    return brokers.some((b) => b.nodeId === NODE_ID)
      ? null
      : `metadata does not list broker ${NODE_ID} yet`;
  } catch (err) {
    return err.message;
  }
}

function startupError(what, paths) {
  return new Error(`${what}. Last lines of ${paths.log}:\n${tailFile(paths.log)}`);
}

// Races every probe and pause against the child's exit so a crash is reported at once instead
// of after the full timeout.
async function waitUntilReady({ exited, port, timeoutMs, paths }) {
  const deadline = Date.now() + timeoutMs;
  const died = exited.then((info) => ({ died: info }));
  const diedError = (info) =>
    startupError(`Kafka broker exited during startup (${describeExit(info)})`, paths);
  for (;;) {
    const outcome = await Promise.race([probeReady(port).then((error) => ({ error })), died]);
    if (outcome.died) throw diedError(outcome.died);
    if (outcome.error === null) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const what = `Kafka broker not ready on ${HOST}:${port} after ${timeoutMs} ms (last probe: ${outcome.error})`;
      throw startupError(what, paths);
    }
    const paused = await Promise.race([sleep(Math.min(POLL_MS, remaining)), died]);
    if (paused?.died) throw diedError(paused.died);
  }
}

// Everything up to, but excluding, the long-running broker: clears leftovers, checks ports,
// writes the config and formats storage (first run only).
async function prepareBroker({ install, paths, port, controllerPort, log }) {
  await fsp.mkdir(paths.logs, { recursive: true });
  await stopKafka({ dataDir: paths.dataDir, log });
  await assertPortFree(port, 'broker');
  await assertPortFree(controllerPort, 'controller');
  await fsp.writeFile(paths.props, serverProperties({ port, controllerPort, logsDir: paths.logs }));
  // One log per start: the tail we print on failure is then always about this attempt.
  const fd = fs.openSync(paths.log, 'w');
  try {
    await formatStorage({ install, paths, fd });
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/**
 * Formats (first time only) and starts a single-node KRaft broker, resolving once it serves
 * metadata. A relative `dataDir` is resolved against `root` (also in stopKafka and
 * kafkaStatus). Stop it with the returned stop(); a broker left behind by a killed parent is stopped
 * by the next startKafka()/stopKafka() on the same dataDir.
 * @param {{ root: string, dataDir: string, port?: number, controllerPort?: number,
 *   heapMb?: number, timeoutMs?: number, log?: (message: string) => void }} options
 * @returns {Promise<{ brokers: string, pid: number, logFile: string,
 *   exited: Promise<{ code: number|null, signal: string|null, error?: Error }>,
 *   stop: () => Promise<void> }>}
 */
export async function startKafka({
  root,
  dataDir,
  port = 9092,
  controllerPort = 9093,
  heapMb = 512,
  timeoutMs = 60_000,
  log = noop,
}) {
  requireJava();
  const { libDir } = await ensureKafkaJars({ root, log });
  const install = { ...installPaths(root), libDir };
  const paths = brokerPaths(path.resolve(root, dataDir));
  const fd = await prepareBroker({ install, paths, port, controllerPort, log });
  let child;
  try {
    child = spawnBroker({ install, paths, heapMb, fd });
  } finally {
    fs.closeSync(fd); // the child holds its own copy
  }
  const { exited, stop } = superviseBroker(child, paths);
  if (child.pid) await fsp.writeFile(paths.pid, `${child.pid}\n`);
  log(`starting Kafka broker (pid ${child.pid}) on ${HOST}:${port}, log: ${paths.log}`);
  try {
    await waitUntilReady({ exited, port, timeoutMs, paths });
  } catch (err) {
    await stop();
    throw err;
  }
  return { brokers: `${HOST}:${port}`, pid: child.pid, logFile: paths.log, exited, stop };
}

/**
 * Reports on the broker recorded in `dataDir` (pid file) and whether its port answers; `port`
 * defaults to the one in the server.properties last written there.
 * @param {{ root?: string, dataDir: string, port?: number }} options
 * @returns {Promise<{ pid: number|null, running: boolean, ready: boolean, brokers: string,
 *   error: string|null }>}
 */
export async function kafkaStatus({ root = '.', dataDir, port }) {
  const paths = brokerPaths(path.resolve(root, dataDir));
  port ??= portFromProperties(paths.props) ?? 9092;
  const pid = readPid(paths.pid);
  const running = pid !== null && isAlive(pid) && isOurBroker(pid, paths.props);
  const error = await probeReady(port);
  return {
    pid: running ? pid : null,
    running,
    ready: error === null,
    brokers: `${HOST}:${port}`,
    error,
  };
}
