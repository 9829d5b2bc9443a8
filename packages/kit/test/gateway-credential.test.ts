import {
  createGatewaySigner,
  createGatewayVerifier,
  EnvError,
  gatewaySecretFromEnv,
  GATEWAY_SIGNATURE_SKEW_SECONDS,
} from '../src';

const SECRET = 'the gateway secret, 32 characters or more';
const NOW = 1_800_000_000;
const request = { method: 'POST', path: '/graphql', body: '{"query":"{ __typename }"}' };

describe('the gateway credential', () => {
  const sign = createGatewaySigner(SECRET, () => NOW);
  const verify = createGatewayVerifier(SECRET, { now: () => NOW });

  it('signs a request as t=<unix seconds>,v1=<HMAC-SHA256 hex> and accepts it', () => {
    const signature = sign(request);
    expect(signature).toMatch(new RegExp(`^t=${NOW},v1=[0-9a-f]{64}$`));
    expect(verify([signature], request)).toBeNull();
    // The body may come as the bytes the server read.
    expect(verify([signature], { ...request, body: Buffer.from(request.body) })).toBeNull();
  });

  it('wants the header', () => {
    expect(verify(undefined, request)).toBe('GATEWAY_CREDENTIAL_REQUIRED');
    expect(verify([], request)).toBe('GATEWAY_CREDENTIAL_REQUIRED');
  });

  it('refuses a signature made with another secret', () => {
    const other = createGatewaySigner('another secret of 32 characters or more', () => NOW);
    expect(verify([other(request)], request)).toBe('GATEWAY_CREDENTIAL_INVALID');
  });

  it.each([
    ['body', { body: '{"query":"{ me { email } }"}' }],
    ['path', { path: '/graphql?x=1' }],
    ['method', { method: 'GET' }],
  ])('refuses a signature over another %s', (_part, change) => {
    expect(verify([sign(request)], { ...request, ...change })).toBe('GATEWAY_CREDENTIAL_INVALID');
  });

  it(`accepts ${GATEWAY_SIGNATURE_SKEW_SECONDS} s of clock skew either way, and no more`, () => {
    const at = (seconds: number) => createGatewaySigner(SECRET, () => NOW + seconds)(request);
    for (const skew of [-GATEWAY_SIGNATURE_SKEW_SECONDS, GATEWAY_SIGNATURE_SKEW_SECONDS])
      expect(verify([at(skew)], request)).toBeNull();
    for (const skew of [-GATEWAY_SIGNATURE_SKEW_SECONDS - 1, GATEWAY_SIGNATURE_SKEW_SECONDS + 1])
      expect(verify([at(skew)], request)).toBe('GATEWAY_CREDENTIAL_INVALID');
  });

  it('refuses malformed and duplicated headers', () => {
    const signature = sign(request);
    const [, mac] = signature.split(',v1=');
    for (const header of [
      'garbage',
      `t=${NOW}`,
      `v1=${mac}`,
      `t=${NOW},v1=${mac?.slice(0, 63)}`,
      `t=${NOW},v1=${mac?.toUpperCase()}`,
      `t=${NOW}.5,v1=${mac}`,
      ` ${signature}`,
    ])
      expect([header, verify([header], request)]).toEqual([header, 'GATEWAY_CREDENTIAL_INVALID']);
    expect(verify([signature, signature], request)).toBe('GATEWAY_CREDENTIAL_INVALID');
  });

  it('is required in production, never defaulted, and off elsewhere when unset', () => {
    expect(() => gatewaySecretFromEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => gatewaySecretFromEnv({ NODE_ENV: 'production', GATEWAY_SECRET: '' })).toThrow(
      /GATEWAY_SECRET: required in production/,
    );
    expect(gatewaySecretFromEnv({ NODE_ENV: 'production', GATEWAY_SECRET: SECRET })).toBe(SECRET);
    expect(gatewaySecretFromEnv({ NODE_ENV: 'development' })).toBeNull();
    expect(gatewaySecretFromEnv({ NODE_ENV: 'test', GATEWAY_SECRET: SECRET })).toBe(SECRET);
  });
});
