import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
// Default import: the live module object, so a test can simulate a lost race on linkSync.
import fs from 'node:fs';
import * as path from 'node:path';
import { assertP256 } from './jwk';

export const DEV_KEY_FILE = 'access-token-signing-key.pem';

/**
 * Returns the development signing key, generating it at first start. Several processes may
 * start at once (members instances, test workers): each writes a complete key to its own
 * temp file and publishes it with link(), which fails instead of overwriting when another
 * process got there first; the loser then reads the winner's key so everyone signs with one key.
 */
export function loadDevSigningKey(dir: string): KeyObject {
  const file = path.join(dir, DEV_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, pem, { mode: 0o600, flag: 'wx' });
  try {
    publishExclusive(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const winner = readKeyFile(file);
  if (!winner) throw new Error(`dev signing key ${file} vanished right after it was written`);
  return winner;
}

function publishExclusive(tmp: string, file: string): void {
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // another process won the race: its key is the key
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // Filesystems without hard links: rename is still atomic, only the no-clobber check is racy.
    if (!fs.existsSync(file)) fs.renameSync(tmp, file);
  }
}

function readKeyFile(file: string): KeyObject | undefined {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A key left readable by others (copied around, restored from an archive) is tightened.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error(
      `dev signing key ${file} is not a valid PEM private key; delete it to generate a new one`,
    );
  }
  assertP256(key, `dev signing key ${file}`);
  return key;
}
