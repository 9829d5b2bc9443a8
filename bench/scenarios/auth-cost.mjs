// Scenario 2: what token verification costs. A micro-benchmark on the gateway core (raw
// jsonwebtoken.verify with a prepared KeyObject vs our verifier, cold and warm cache), then the
// gateway itself: `me` with a fresh token on every request vs a few hot tokens, and its CPU per
// request for the same anonymous-capable query with and without a token.
import { log } from '../../scripts/lib/prepare.mjs';
import { runChild } from '../lib/child.mjs';
import { ME, USER_NAME } from '../lib/graphql.mjs';
import { body, runLoad } from '../lib/load.mjs';

export async function authCost(ctx, expectedRps) {
  const { config, stack } = ctx;
  const pid = stack.procs.gateway.child.pid;
  const micro = await runChild('auth-micro.mjs', { pem: config.signingKeyPem, seconds: config.quick ? 0.5 : 2 }, { cpu: config.gatewayCpu });
  log(`auth micro: raw jwt.verify ${micro.rawJwtVerify.usPerOp} µs, cold ${micro.verifierColdCache.usPerOp} µs, warm ${micro.verifierWarmCache.usPerOp} µs`);
  const tokens = ctx.tokens.map((t) => t.token);
  const sessions = ctx.tokens.map((t) => ({ sub: t.userId, sid: t.sid }));
  const run = (kinds) => runLoad({ url: ctx.urls.gateway, connections: config.connections, duration: config.runSeconds, kinds }, { config, watch: { gateway: pid } });
  const warm = await run([{ name: 'me-warm', body: body(ME), tokens }]);
  // Enough distinct tokens that none repeats during the run.
  const count = Math.min(80_000, Math.ceil(Math.max(expectedRps, warm.rps) * config.runSeconds * 1.5) + 500);
  const cold = await run([{ name: 'me-cold', body: body(ME), mint: { pem: config.signingKeyPem, sessions, count } }]);
  const ids = ctx.world.users.slice(0, 500).map((u) => body(USER_NAME, { id: u.id }));
  // Both variants once unmeasured first: the new operation's plan and the JIT are then warm for both.
  const warmRun = (kinds) => runLoad({ url: ctx.urls.gateway, connections: config.connections, duration: config.quick ? 1 : 5, kinds }, { config });
  await warmRun([{ name: 'user-anonymous', bodies: ids }, { name: 'user-with-token', bodies: ids, tokens }]);
  const anonymous = await run([{ name: 'user-anonymous', bodies: ids }]);
  const withToken = await run([{ name: 'user-with-token', bodies: ids, tokens }]);
  const cpu = (r) => r.cpu.gateway.msPerRequest;
  const authShare = (cpu(withToken) - cpu(anonymous)) / cpu(withToken);
  log(`auth: gateway CPU/request anonymous ${cpu(anonymous)} ms, with token ${cpu(withToken)} ms, share ${(authShare * 100).toFixed(1)} %`);
  const r = (x) => Number(x.toFixed(3));
  return {
    micro,
    gateway: { warm, cold, anonymous, withToken, coldTokens: count },
    rows: [
      {
        measure: 'verifier, warm cache vs raw jwt.verify (µs per token, micro)',
        value: `${micro.verifierWarmCache.usPerOp} µs`,
        reference: `${micro.rawJwtVerify.usPerOp} µs`,
        ratio: r(micro.rawJwtVerify.usPerOp / micro.verifierWarmCache.usPerOp),
        target: 'speed-up, informative',
        met: null,
      },
      {
        measure: 'verifier, cold cache vs raw jwt.verify (µs per token, micro)',
        value: `${micro.verifierColdCache.usPerOp} µs`,
        reference: `${micro.rawJwtVerify.usPerOp} µs`,
        ratio: r(micro.rawJwtVerify.usPerOp / micro.verifierColdCache.usPerOp),
        target: 'informative',
        met: null,
      },
      {
        measure: 'gateway `me`: fresh token per request vs warm tokens (req/s)',
        value: `${cold.rps} req/s, ${cpu(cold)} ms CPU/req`,
        reference: `${warm.rps} req/s, ${cpu(warm)} ms CPU/req`,
        ratio: r(cold.rps / warm.rps),
        target: 'informative',
        met: null,
      },
      {
        measure: 'gateway CPU per request: auth share (with token vs anonymous, same query)',
        value: `${cpu(withToken)} ms`,
        reference: `${cpu(anonymous)} ms`,
        ratio: r(authShare),
        target: '≤ 0.05 of gateway CPU',
        met: authShare <= 0.05,
      },
    ],
    loads: [
      { label: 'me · warm tokens', rps: warm.rps, p50: warm.latencyMs.p50, p99: warm.latencyMs.p99 },
      { label: 'me · cold tokens', rps: cold.rps, p50: cold.latencyMs.p50, p99: cold.latencyMs.p99 },
    ],
  };
}
