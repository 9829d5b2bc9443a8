import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

/** Request count and latency by operation name, outcome by whether errors came back. */
export function requestMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName }) {
          const operation = metrics.operationLabel(operationName ?? request.operationName);
          const body = response.body;
          const failed = body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0;
          metrics.requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          metrics.latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
