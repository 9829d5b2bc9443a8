// The base revision the API schema is compared with, and files read from it.

import { execFileSync } from 'node:child_process';

function git(cwd, args) {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/**
 * The revision to compare with: SCHEMA_BASE_REF when set; else the merge base with main (or
 * origin/main) when that is not HEAD itself; else the previous commit; null when there is none.
 */
export function gitBase(cwd, env = process.env) {
  if (env.SCHEMA_BASE_REF) {
    const rev = git(cwd, ['rev-parse', '--verify', `${env.SCHEMA_BASE_REF}^{commit}`]);
    return rev ? { rev, how: `SCHEMA_BASE_REF=${env.SCHEMA_BASE_REF}` } : null;
  }
  const head = git(cwd, ['rev-parse', '--verify', 'HEAD^{commit}']);
  if (!head) return null;
  for (const branch of ['main', 'origin/main']) {
    const base = git(cwd, ['merge-base', 'HEAD', branch]);
    if (base && base !== head) return { rev: base, how: `merge base with ${branch}` };
  }
  const previous = git(cwd, ['rev-parse', '--verify', 'HEAD~1^{commit}']);
  return previous ? { rev: previous, how: 'previous commit' } : null;
}

/** A file's content at a revision, or null when it does not exist there. */
export function readBaseFile(cwd, rev, file) {
  try {
    return execFileSync('git', ['show', `${rev}:${file}`], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}
