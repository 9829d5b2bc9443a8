import { readBearer, TokenError } from '@social/auth';

const invalid = (value: Parameters<typeof readBearer>[0]) => {
  let error: unknown;
  try {
    readBearer(value);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TokenError);
  expect((error as TokenError).reason).toBe('TOKEN_INVALID');
};

describe('readBearer', () => {
  it('reads a bearer token, the scheme case-insensitively', () => {
    expect(readBearer('Bearer abc.def.ghi')).toEqual({ token: 'abc.def.ghi' });
    expect(readBearer('bearer abc.def.ghi')).toEqual({ token: 'abc.def.ghi' });
    expect(readBearer('BEARER   abc.def-_~+/=')).toEqual({ token: 'abc.def-_~+/=' });
    expect(readBearer(['Bearer abc'])).toEqual({ token: 'abc' });
  });

  it('treats an absent or empty header as missing (clients send "" when logged out)', () => {
    expect(readBearer(undefined)).toEqual({ missing: true });
    expect(readBearer('')).toEqual({ missing: true });
    expect(readBearer('   ')).toEqual({ missing: true });
    expect(readBearer([])).toEqual({ missing: true });
  });

  it('refuses duplicate Authorization headers, as an array or joined with a comma', () => {
    invalid(['Bearer a', 'Bearer b']);
    invalid(['Bearer a', 'Bearer a']);
    invalid('Bearer a, Bearer b');
    invalid('Bearer a,b');
  });

  it('refuses other schemes and malformed values', () => {
    invalid('Basic dXNlcjpwYXNz');
    invalid('Token abc');
    invalid('Bearerabc');
    invalid('abc.def.ghi');
    invalid('Bearer');
    invalid('Bearer    ');
    invalid('Bearer a b');
    invalid('Bearer "abc"');
    invalid('Bearer a=b');
  });
});
