// The browser tests (jest project web-e2e) drive Debian's Chromium. `npm test` on a machine
// without it installs it the way .ci/run does when the machine allows (root with apt-get), and
// otherwise stops at once with the one-line fix, never with a wall of browser-test failures.
// Node built-ins only: it runs before dependencies are installed.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The projects jest's `--selectProjects`/`--ignoreProjects` arguments name, or null when absent. */
function projectsOf(args, flag) {
  const names = [];
  let found = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg.startsWith(`${flag}=`)) {
      found = true;
      names.push(...arg.slice(flag.length + 1).split(','));
    } else if (arg === flag) {
      found = true;
      while (index + 1 < args.length && !args[index + 1].startsWith('-')) names.push(args[++index]);
    }
  }
  return found ? names : null;
}

/** Whether jest, given these arguments, runs the browser tests. */
export function runsBrowserTests(jestArgs) {
  const selected = projectsOf(jestArgs, '--selectProjects');
  const ignored = projectsOf(jestArgs, '--ignoreProjects') ?? [];
  if (ignored.includes('web-e2e')) return false;
  return selected === null || selected.includes('web-e2e');
}

/**
 * What `npm test` does about Chromium: 'ok' (present or not needed), 'install' (missing, and
 * this is root on a machine with apt-get) or 'stop' with the one line to print.
 * @param {{ needed: boolean, present: boolean, root: boolean, apt: boolean, executable: string }} facts
 */
export function chromiumPlan({ needed, present, root, apt, executable }) {
  if (!needed || present) return { action: 'ok' };
  if (root && apt && executable === DEFAULT_CHROMIUM) return { action: 'install' };
  const fix =
    executable === DEFAULT_CHROMIUM
      ? 'install it (`sudo apt-get install chromium`)'
      : 'point CHROMIUM_PATH at a Chromium binary';
  return {
    action: 'stop',
    message: `Chromium is missing at ${executable}, and the browser tests need it: ${fix}, or leave them out with \`npm test -- --ignoreProjects web-e2e\``,
  };
}

/** The facts chromiumPlan decides on, read from this machine. */
export function chromiumFacts(jestArgs, env = process.env) {
  const executable = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  const apt = (env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, 'apt-get')));
  return {
    needed: runsBrowserTests(jestArgs),
    present: existsSync(executable),
    root: process.getuid?.() === 0,
    apt,
    executable,
  };
}
