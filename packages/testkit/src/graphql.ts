export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, any> }>;
  };
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  operationName?: string;
}

/** Posts one GraphQL operation the way a client would (JSON over HTTP). */
export async function graphql<T = any>(
  url: string,
  request: GraphQLRequest,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...request.headers,
    },
    body: JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
    }),
  });
  const text = await response.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Non-JSON response ${response.status} for\n${request.query}\n${text}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * Returns `data` or fails with the operation, the variables and the whole response, so a
 * failing test says what was asked and what came back.
 */
export async function expectData<T = any>(url: string, request: GraphQLRequest): Promise<T> {
  const response = await graphql<T>(url, request);
  if (response.body.errors?.length || response.status !== 200 || !response.body.data) {
    throw new Error(describe(request, response, 'expected data without errors'));
  }
  return response.body.data;
}

/** Expects exactly one error and returns it, failing loudly otherwise. */
export async function expectError(url: string, request: GraphQLRequest) {
  const response = await graphql(url, request);
  const errors = response.body.errors ?? [];
  if (errors.length !== 1)
    throw new Error(describe(request, response, 'expected exactly one error'));
  return {
    ...errors[0],
    status: response.status,
    headers: response.headers,
  };
}

function describe(request: GraphQLRequest, response: GraphQLResponse, expectation: string): string {
  return [
    `${expectation}, got HTTP ${response.status}`,
    `operation:\n${request.query.trim()}`,
    `variables: ${JSON.stringify(request.variables ?? {})}`,
    `response: ${JSON.stringify(response.body, null, 2)}`,
  ].join('\n');
}
