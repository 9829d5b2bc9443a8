import { spawn } from 'node:child_process';
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';
import { DEV_KEY_FILE, jwkThumbprint, loadSigningKeys } from '@social/auth';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-keys-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privatePem = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }) as string;
const publicPem = (key: KeyObject) => key.export({ format: 'pem', type: 'spki' }) as string;
/** How secret stores and .env files usually carry a PEM: on one line with literal \n. */
const oneLine = (pem: string) => pem.replace(/\n/g, '\\n');

describe('development keys', () => {
  it('generates a key at first start with mode 0600 and reuses it afterwards', () => {
    const devKeyDir = path.join(tmpDir(), '.dev', 'keys');
    const first = loadSigningKeys({ production: false, devKeyDir });
    const file = path.join(devKeyDir, DEV_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadSigningKeys({ production: false, devKeyDir });
    expect(second.signing.kid).toBe(first.signing.kid);
    expect(fs.readdirSync(devKeyDir)).toEqual([DEV_KEY_FILE]); // no temp files left behind
    expect(first.jwks().keys).toHaveLength(1);
  });

  it('tightens a key file that was left readable by others', () => {
    const devKeyDir = tmpDir();
    loadSigningKeys({ production: false, devKeyDir });
    const file = path.join(devKeyDir, DEV_KEY_FILE);
    fs.chmodSync(file, 0o644);
    loadSigningKeys({ production: false, devKeyDir });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to run without a devKeyDir, and names a corrupt key file', () => {
    expect(() => loadSigningKeys({ production: false })).toThrow(/devKeyDir/);
    const devKeyDir = tmpDir();
    fs.writeFileSync(path.join(devKeyDir, DEV_KEY_FILE), 'not a key', { mode: 0o600 });
    expect(() => loadSigningKeys({ production: false, devKeyDir })).toThrow(/delete it/);
  });

  it('never reads the process environment: production keys come only from the options', () => {
    const saved = { ...process.env };
    process.env.NODE_ENV = 'production';
    process.env.JWT_SIGNING_KEY = privatePem(p256().privateKey);
    try {
      expect(() => loadSigningKeys({ production: true, devKeyDir: tmpDir() })).toThrow(
        /JWT_SIGNING_KEY is not set/,
      );
      const devKeyDir = tmpDir();
      const store = loadSigningKeys({ production: false, devKeyDir });
      expect(fs.readdirSync(devKeyDir)).toEqual([DEV_KEY_FILE]);
      expect(store.jwks().keys.map((k) => k.kid)).toEqual([store.signing.kid]);
    } finally {
      process.env = saved;
    }
  });

  it('ignores production PEMs outside production', () => {
    const devKeyDir = tmpDir();
    const given = p256();
    const store = loadSigningKeys({
      production: false,
      devKeyDir,
      signingKeyPem: privatePem(given.privateKey),
    });
    expect(store.signing.kid).not.toBe(jwkThumbprint(given.publicKey));
    expect(store.signing.kid).toBe(loadSigningKeys({ production: false, devKeyDir }).signing.kid);
  });

  it('reads the winner when another process publishes its key between our check and our write', () => {
    const devKeyDir = tmpDir();
    const file = path.join(devKeyDir, DEV_KEY_FILE);
    const winner = p256();
    const realLink = fs.linkSync;
    const link = jest.spyOn(fs, 'linkSync').mockImplementationOnce((from, to) => {
      fs.writeFileSync(file, privatePem(winner.privateKey), { mode: 0o600 }); // the other process wins
      realLink(from, to);
    });
    try {
      const store = loadSigningKeys({ production: false, devKeyDir });
      expect(link).toHaveBeenCalledTimes(1);
      expect(store.signing.kid).toBe(jwkThumbprint(winner.publicKey));
      expect(fs.readdirSync(devKeyDir)).toEqual([DEV_KEY_FILE]);
    } finally {
      link.mockRestore();
    }
  });

  it('gives every one of several processes starting at once the same key', async () => {
    // Real processes, racing on one empty folder: compile the key loader to plain JS for them.
    const lib = tmpDir();
    for (const name of ['dev-keys', 'jwk']) {
      const { code } = transformFileSync(path.join(__dirname, '..', 'src', `${name}.ts`), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      fs.writeFileSync(path.join(lib, `${name}.js`), code);
    }
    const devKeyDir = path.join(tmpDir(), 'keys');
    const startAt = Date.now() + 1500; // all children spin until then, so they collide
    const script = `
      const { createPublicKey } = require('node:crypto');
      const { loadDevSigningKey } = require(${JSON.stringify(path.join(lib, 'dev-keys.js'))});
      const { jwkThumbprint } = require(${JSON.stringify(path.join(lib, 'jwk.js'))});
      while (Date.now() < ${startAt}) {}
      process.stdout.write(jwkThumbprint(createPublicKey(loadDevSigningKey(${JSON.stringify(devKeyDir)}))));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`child exited ${code}`)),
        );
      });
    const kids = await Promise.all(Array.from({ length: 6 }, run));
    expect(new Set(kids).size).toBe(1);
    expect(kids[0]).toBe(loadSigningKeys({ production: false, devKeyDir }).signing.kid);
    expect(fs.readdirSync(devKeyDir)).toEqual([DEV_KEY_FILE]);
  });
});

describe('production keys', () => {
  it('throws a clear error without JWT_SIGNING_KEY, never falling back', () => {
    for (const signingKeyPem of [undefined, '', '  ']) {
      expect(() =>
        loadSigningKeys({ production: true, devKeyDir: tmpDir(), signingKeyPem }),
      ).toThrow(/JWT_SIGNING_KEY is not set.*production/);
    }
  });

  it('reads a one-line PEM with literal \\n and publishes two extra keys next to it', () => {
    const signing = p256();
    const next = p256();
    const old = p256();
    const store = loadSigningKeys({
      production: true,
      signingKeyPem: oneLine(privatePem(signing.privateKey)),
      publishedKeysPem: oneLine(publicPem(next.publicKey) + publicPem(old.publicKey)),
    });
    const kids = [signing, next, old].map((pair) => jwkThumbprint(pair.publicKey));
    expect(store.signing.kid).toBe(kids[0]);
    const { keys } = store.jwks();
    expect(keys.map((k) => k.kid)).toEqual(kids);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(jwkThumbprint(createPublicKey({ key: { ...key } as JsonWebKey, format: 'jwk' }))).toBe(
        key.kid,
      );
    }
  });

  it('publishes the signing key once when JWT_PUBLISHED_KEYS repeats it', () => {
    const signing = p256();
    const other = p256();
    const store = loadSigningKeys({
      production: true,
      signingKeyPem: privatePem(signing.privateKey),
      publishedKeysPem: `${publicPem(signing.publicKey)}\n${publicPem(other.publicKey)}`,
    });
    expect(store.jwks().keys.map((k) => k.kid)).toEqual([
      jwkThumbprint(signing.publicKey),
      jwkThumbprint(other.publicKey),
    ]);
  });

  it('refuses keys that are not P-256 or not PEM, without echoing the secret', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const withPublished = (publishedKeysPem: string) => ({
      production: true,
      signingKeyPem: privatePem(p256().privateKey),
      publishedKeysPem,
    });
    expect(() =>
      loadSigningKeys({ production: true, signingKeyPem: privatePem(rsa.privateKey) }),
    ).toThrow(/P-256/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    expect(() =>
      loadSigningKeys({ production: true, signingKeyPem: privatePem(p384.privateKey) }),
    ).toThrow(/P-256/);
    let message = '';
    try {
      loadSigningKeys({ production: true, signingKeyPem: 'super-secret-hmac-value' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/JWT_SIGNING_KEY is not a valid PEM/);
    expect(message).not.toContain('super-secret');
    expect(() => loadSigningKeys(withPublished('nope'))).toThrow(/JWT_PUBLISHED_KEYS/);
    expect(() => loadSigningKeys(withPublished(publicPem(rsa.publicKey)))).toThrow(
      /JWT_PUBLISHED_KEYS block 1.*P-256/,
    );
  });
});

describe('jwkThumbprint', () => {
  it('matches the RFC 7638 construction', () => {
    // RFC 7638 3.1 fixes member order and no whitespace; check against a hand-built input.
    const { publicKey } = p256();
    const { x, y } = publicKey.export({ format: 'jwk' });
    const expected = createHash('sha256')
      .update(`{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`)
      .digest('base64url');
    expect(jwkThumbprint(publicKey)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
