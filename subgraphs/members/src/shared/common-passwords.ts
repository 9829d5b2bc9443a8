import { readFileSync } from 'node:fs';
import path from 'node:path';

// assets/ sits at the package root, the same distance from src/account and dist/account,
// so the file needs no copy step in the build.
const LIST_FILE = path.resolve(__dirname, '..', '..', 'assets', 'common-passwords.txt');

let list: Set<string> | undefined;

/** Loaded once, on first use. */
function commonPasswords(): Set<string> {
  list ??= new Set(
    readFileSync(LIST_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return list;
}

const EDGE_NOISE = /^[\d\W_]+|[\d\W_]+$/g;

/**
 * True for a listed password, for a listed base word dressed up with leading or trailing
 * digits and symbols ("Dragon2024!"), for one of the account's own names used that way, and
 * for strings of three or fewer distinct characters ("abababababab").
 */
export function isGuessablePassword(password: string, related: string[] = []): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const base = lower.replace(EDGE_NOISE, '');
  if (base !== '' && (list.has(base) || related.some((name) => name.toLowerCase() === base)))
    return true;
  return new Set(lower).size <= 3;
}
