// The load generator: autocannon's programmatic API in a process of its own (forked by
// load.mjs), so no process under test ever spends a cycle making its own load.
import { createPrivateKey } from 'node:crypto';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';

const require = createRequire(import.meta.url);

/**
 * A spec: { url, connections, duration, overallRate?, kinds: [{ name, weight, body, bodies?, tokens?, mint?, gatewaySecret? }] }.
 * Each request picks a kind by weight, then a body and a token from that kind's lists, so the
 * load spreads over many users. `mint` asks for fresh tokens (a new jti each) signed here;
 * `gatewaySecret` signs each request as the gateway does (a subgraph called directly).
 */
function prepareKinds(spec) {
  const kinds = spec.kinds.map((kind) => ({ ...kind, tokens: kind.tokens ?? [] }));
  for (const kind of kinds) {
    if (!kind.gatewaySecret) continue;
    const { createGatewaySigner, GATEWAY_SIGNATURE_HEADER } = require('@social/kit');
    const sign = createGatewaySigner(kind.gatewaySecret);
    kind.signed = (path, body) => ({
      [GATEWAY_SIGNATURE_HEADER]: sign({ method: 'POST', path, body }),
    });
  }
  for (const kind of kinds) {
    if (!kind.mint) continue;
    const { createKeyStore, signAccessToken } = require('@social/auth');
    const store = createKeyStore(createPrivateKey(kind.mint.pem));
    const count = kind.mint.count;
    for (let i = 0; i < count; i += 1) {
      const who = kind.mint.sessions[i % kind.mint.sessions.length];
      kind.tokens.push(
        signAccessToken(store, { sub: who.sub, sid: who.sid, ttlSeconds: 7200 }).token,
      );
    }
    kind.sequential = true;
  }
  const total = kinds.reduce((sum, kind) => sum + (kind.weight ?? 1), 0);
  let acc = 0;
  for (const kind of kinds) {
    acc += (kind.weight ?? 1) / total;
    kind.upTo = acc;
    kind.next = 0;
  }
  return kinds;
}

function pick(list, kind) {
  if (kind.sequential) return list[kind.next++ % list.length];
  return list[Math.floor(Math.random() * list.length)];
}

function run(spec) {
  const kinds = prepareKinds(spec);
  const path = spec.path ?? '/graphql';
  // The parent starts its CPU and memory sampling on this message, after token minting.
  process.send({ started: true });
  const stats = Object.fromEntries(
    kinds.map((kind) => [kind.name, { sent: 0, graphqlErrors: 0, sample: null, latencies: [] }]),
  );
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.duration,
        overallRate: spec.overallRate,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest(req, context) {
              const r = Math.random();
              const kind = kinds.find((k) => r <= k.upTo) ?? kinds[kinds.length - 1];
              context.kind = kind.name;
              stats[kind.name].sent += 1;
              const body = kind.bodies ? pick(kind.bodies, kind) : kind.body;
              const headers = { 'content-type': 'application/json', ...(kind.headers ?? {}) };
              if (kind.tokens.length > 0)
                headers.authorization = `Bearer ${pick(kind.tokens, kind)}`;
              if (kind.signed) Object.assign(headers, kind.signed(path, body));
              return { ...req, method: 'POST', headers, body };
            },
            onResponse(status, body, context) {
              const s = stats[context.kind];
              if (!s) return;
              // GraphQL answers errors with HTTP 200: an error body counts as a failure too.
              if (status === 200 && !body.includes('"errors"')) return;
              s.graphqlErrors += 1;
              s.sample ??= `${status} ${String(body).slice(0, 300)}`;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, stats })),
    );
    // autocannon's own response time, attributed to the kind still in the connection's context
    // (it is reset only when the connection builds its next request, after this event).
    instance.on('response', (client, _status, _bytes, responseTime) => {
      const s = stats[client.requestIterator?.context?.kind];
      if (s && s.latencies.length < 200_000) s.latencies.push(responseTime);
    });
    process.once('SIGTERM', () => instance.stop());
  });
}

function percentile(sorted, p) {
  return sorted.length === 0
    ? null
    : Number(
        sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1),
      );
}

/** Per kind: counts, errors and its own p50/p99 (measured here, from send to response). */
function perKind(stats) {
  return Object.fromEntries(
    Object.entries(stats).map(([name, s]) => {
      const sorted = Float64Array.from(s.latencies).sort();
      return [
        name,
        {
          sent: s.sent,
          graphqlErrors: s.graphqlErrors,
          sample: s.sample,
          latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99) },
        },
      ];
    }),
  );
}

function summarise({ result, stats }) {
  const l = result.latency;
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    rps: Number((result.requests.total / result.duration).toFixed(1)),
    latencyMs: {
      p50: l.p50,
      p90: l.p90,
      p99: l.p99,
      max: l.max,
      mean: Number(l.average.toFixed(2)),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    kinds: perKind(stats),
  };
}

process.once('message', async (spec) => {
  try {
    const outcome = await run(spec);
    process.send({ ok: true, summary: summarise(outcome) }, () => process.exit(0));
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
  }
});
