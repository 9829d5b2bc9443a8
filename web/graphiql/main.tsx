import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Same origin, so the refresh cookie (Path=/graphql) rides along; the access token goes in
// the Headers tab as {"Authorization": "Bearer ..."} (see web/README.md).
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
});

const DEFAULT_QUERY = `# Log in, copy accessToken, then put {"Authorization": "Bearer <token>"} in Headers.
mutation Login {
  login(email: "you@example.com", password: "your password") {
    accessToken
    accessTokenExpiresAt
    user { handle displayName }
  }
}

query Me {
  me { email user { handle displayName } }
}
`;

const container = document.getElementById('graphiql');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultQuery={DEFAULT_QUERY}
        defaultEditorToolsVisibility="headers"
      />
    </StrictMode>,
  );
}
