import { subgraphRefusal } from '../src/auth/subgraph-refusal';

describe("a subgraph's 401 as the gateway's own error", () => {
  it('keeps the reason and message of the token error', () => {
    const error = subgraphRefusal({
      errors: [
        { message: 'other', extensions: { code: 'NOT_FOUND' } },
        {
          message: 'This session has ended; log in again',
          extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' },
        },
      ],
    });
    expect(error?.message).toBe('This session has ended; log in again');
    expect(error?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_REVOKED',
      http: { status: 401 },
    });
  });

  it.each([
    ['no body', null],
    ['text', 'Unauthorized'],
    ['no errors', { data: null }],
    [
      'a login failure',
      { errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' } }] },
    ],
    [
      'an unknown reason',
      { errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'toString' } }] },
    ],
    ['another code', { errors: [{ extensions: { code: 'FORBIDDEN', reason: 'TOKEN_INVALID' } }] }],
  ])('leaves anything else to Apollo (%s)', (_name, body) => {
    expect(subgraphRefusal(body)).toBeNull();
  });
});
