// The open-loop load generator (forked by load.mjs, pinned to the load core): requests start on
// a schedule fixed before the run, whether or not earlier ones have answered, and each latency
// is measured from its scheduled start. A slow server therefore shows as latency, never as a
// lower offered rate: no coordinated omission (Gil Tene), unlike a closed loop of connections.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { prng } from './random.mjs';

/**
 * A spec: { url, rate, duration, arrivals?: 'poisson' | 'fixed', seed?, timeoutMs?,
 * kinds: [{ name, weight, body?, bodies?, tokens? }] }. Each request picks a kind by weight,
 * then a body and a token from that kind's lists.
 */
function prepareKinds(spec) {
  const total = spec.kinds.reduce((sum, kind) => sum + (kind.weight ?? 1), 0);
  let acc = 0;
  return spec.kinds.map((kind) => {
    acc += (kind.weight ?? 1) / total;
    return { ...kind, tokens: kind.tokens ?? [], upTo: acc };
  });
}

/** Start offsets in ms: Poisson arrivals (exponential gaps) or a fixed interval. */
function schedule(rate, durationSeconds, arrivals, next) {
  const offsets = [];
  const end = durationSeconds * 1000;
  const gap = 1000 / rate;
  for (let at = 0; ; ) {
    at += arrivals === 'fixed' ? gap : -Math.log(1 - next()) * gap;
    if (at >= end) return offsets;
    offsets.push(at);
  }
}

function percentile(sorted, p) {
  return sorted.length === 0
    ? null
    : Number(
        sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1),
      );
}

function latencyOf(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

function run(spec) {
  const kinds = prepareKinds(spec);
  const next = prng(spec.seed ?? 1);
  const offsets = schedule(spec.rate, spec.duration, spec.arrivals ?? 'poisson', next);
  const target = new URL(spec.url);
  const timeoutMs = spec.timeoutMs ?? 10_000;
  // Enough sockets that the generator never queues a request behind another: the server's
  // queue is what is measured.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const stats = Object.fromEntries(
    kinds.map((kind) => [
      kind.name,
      { sent: 0, graphqlErrors: 0, non2xx: 0, errors: 0, timeouts: 0, sample: null, latencies: [] },
    ]),
  );
  const all = [];
  let inFlight = 0;
  let lastDone = 0;
  process.send({ started: true });
  const t0 = performance.now() + 20;

  return new Promise((resolve) => {
    let i = 0;
    const finishIfDone = () => {
      if (i >= offsets.length && inFlight === 0) resolve({ stats, all, t0, lastDone, agent });
    };
    const fire = (scheduledAt) => {
      const r = next();
      const kind = kinds.find((k) => r <= k.upTo) ?? kinds[kinds.length - 1];
      const s = stats[kind.name];
      s.sent += 1;
      const body = kind.bodies ? kind.bodies[Math.floor(next() * kind.bodies.length)] : kind.body;
      const headers = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      };
      if (kind.tokens.length > 0)
        headers.authorization = `Bearer ${kind.tokens[Math.floor(next() * kind.tokens.length)]}`;
      inFlight += 1;
      let settled = false;
      const settle = (outcome, status, text) => {
        if (settled) return;
        settled = true;
        inFlight -= 1;
        const now = performance.now();
        lastDone = Math.max(lastDone, now);
        const latency = now - scheduledAt;
        s.latencies.push(latency);
        all.push(latency);
        if (outcome === 'timeout') s.timeouts += 1;
        else if (outcome === 'error') s.errors += 1;
        else if (status !== 200) s.non2xx += 1;
        // GraphQL answers errors with HTTP 200: an error body counts as a failure too.
        else if (text.includes('"errors"')) s.graphqlErrors += 1;
        if (outcome !== 'ok' || status !== 200 || text.includes('"errors"'))
          s.sample ??= `${outcome} ${status ?? ''} ${String(text ?? '').slice(0, 300)}`;
        finishIfDone();
      };
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => settle('ok', res.statusCode, Buffer.concat(chunks).toString()));
          res.on('error', (error) => settle('error', null, String(error)));
        },
      );
      req.setTimeout(timeoutMs, () => {
        settle('timeout', null, 'timeout');
        req.destroy();
      });
      req.on('error', (error) => settle('error', null, String(error)));
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      // Late timers (a busy event loop) still start every due request, each timed from its own
      // scheduled start.
      while (i < offsets.length && t0 + offsets[i] <= now) fire(t0 + offsets[i++]);
      if (i < offsets.length) setTimeout(tick, Math.max(0, t0 + offsets[i] - performance.now()));
      else finishIfDone();
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
}

function summarise({ stats, all, t0, lastDone, agent }, spec) {
  agent.destroy();
  const sum = (field) => Object.values(stats).reduce((total, s) => total + s[field], 0);
  const seconds = Math.max(spec.duration, (lastDone - t0) / 1000);
  return {
    requests: all.length,
    durationSeconds: Number(seconds.toFixed(2)),
    offered: spec.rate,
    rps: Number((all.length / seconds).toFixed(1)),
    latencyMs: latencyOf(all),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    kinds: Object.fromEntries(
      Object.entries(stats).map(([name, s]) => [
        name,
        {
          sent: s.sent,
          graphqlErrors: s.graphqlErrors,
          failures: s.graphqlErrors + s.non2xx + s.errors + s.timeouts,
          sample: s.sample,
          latencyMs: latencyOf(s.latencies),
        },
      ]),
    ),
  };
}

process.once('message', async (spec) => {
  try {
    const outcome = await run(spec);
    process.send({ ok: true, summary: summarise(outcome, spec) }, () => process.exit(0));
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
  }
});
