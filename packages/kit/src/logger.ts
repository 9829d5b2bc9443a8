import pino, { type Logger } from 'pino';
import { traceLogFields } from './tracing';

export type { Logger };

/**
 * Structured JSON logs only. Credentials never reach a log line: authorization headers,
 * cookies, passwords and tokens are redacted wherever they appear in a logged object. A line
 * logged inside a span carries its `trace_id` and `span_id` (tracing.ts; none when tracing is off).
 */
export function createLogger(
  name: string,
  level: string = 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.refreshToken',
        '*.token',
        'variables.*.password',
        'variables.password',
        'variables.newPassword',
        'variables.currentPassword',
        'variables.refreshToken',
        'variables.token',
      ],
      censor: '[redacted]',
    },
  };
  // Tests read the lines from a stream of their own; services write to stdout, pino's default.
  return destination ? pino(options, destination) : pino(options);
}
