// Micro-benchmark of token verification in one process on the gateway's core: raw
// jsonwebtoken.verify with a prepared KeyObject, our verifier with every token new (cold
// cache) and with a small set of hot tokens (warm cache).
import { createPrivateKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { serveChild } from './child.mjs';

const require = createRequire(import.meta.url);
const jwt = require('jsonwebtoken');
const {
  createAccessTokenVerifier,
  createKeyStore,
  localJwks,
  signAccessToken,
} = require('@social/auth');

function timed(seconds, maxOps, op) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let ops = 0;
  while (ops < maxOps && performance.now() < deadline) ops += op(ops);
  return rate(ops, started);
}

function rate(ops, started) {
  const elapsed = (performance.now() - started) / 1000;
  return {
    ops,
    seconds: Number(elapsed.toFixed(3)),
    opsPerSecond: Math.round(ops / elapsed),
    usPerOp: Number(((elapsed * 1e6) / ops).toFixed(2)),
  };
}

async function timedAsync(seconds, maxOps, op) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let ops = 0;
  while (ops < maxOps && performance.now() < deadline) {
    await op(ops);
    ops += 1;
  }
  return rate(ops, started);
}

serveChild(async ({ pem, seconds }) => {
  const store = createKeyStore(createPrivateKey(pem));
  const count = 20_000;
  const tokens = Array.from(
    { length: count },
    (_, i) =>
      signAccessToken(store, {
        sub: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        sid: `s-${i}`,
        ttlSeconds: 3600,
      }).token,
  );
  const publicKey = store.signing.publicKey;
  const options = { algorithms: ['ES256'], issuer: 'social-members', audience: 'social-api' };
  // Warm V8 up on both paths before timing.
  for (let i = 0; i < 500; i += 1) jwt.verify(tokens[i], publicKey, options);
  const raw = timed(seconds, count, (i) => (jwt.verify(tokens[i % count], publicKey, options), 1));
  const cold = createAccessTokenVerifier({ jwks: localJwks(store), cacheSize: 10_000 });
  const coldResult = await timedAsync(seconds, count, (i) => cold.verify(tokens[i]));
  const warm = createAccessTokenVerifier({ jwks: localJwks(store) });
  const hot = tokens.slice(0, 200);
  for (const token of hot) await warm.verify(token);
  const warmResult = await timedAsync(seconds, 2_000_000, (i) => warm.verify(hot[i % hot.length]));
  return {
    rawJwtVerify: raw,
    verifierColdCache: coldResult,
    verifierWarmCache: warmResult,
    coldStats: cold.stats,
    warmStats: warm.stats,
  };
});
