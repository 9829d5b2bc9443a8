import { ConnectionException, DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import { ClaimedElsewhere } from './event-handler';

/**
 * mysql2 error codes that say the database could not do the work right now, not that this
 * event cannot be done: the server or the network is gone or overloaded, or another
 * transaction was in the way (lock conflicts that outlived handleEvents' own retries). The
 * consumer rethrows these and kafkajs retries the batch; parking the event would lose it.
 */
const TRANSIENT_CODES = new Set([
  // The network and the connection (mysql2 and Node socket errors).
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  // The server refusing work for now: full, going down, read-only during a failover, a killed
  // query or connection, a statement over max_statement_time.
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_OUT_OF_RESOURCES',
  'ER_SERVER_SHUTDOWN',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  'ER_STATEMENT_TIMEOUT',
  // Other transactions in the way.
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
]);

// mysql2's pool and closed connections throw plain errors without a code.
const TRANSIENT_MESSAGES = [/^Pool is closed/, /^No connections available/, /in closed state$/];

interface ErrorLike {
  code?: unknown;
  fatal?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Whether a failure of handleEvents is worth retrying as it is (the consumer restarts the batch)
 * rather than a property of the events (a bug, a constraint the code did not expect), which
 * would fail the same way forever. Unknown errors count as the events' fault: a transient error
 * we do not list parks an event that a replay of the dead-letter topic can bring back, while the
 * opposite mistake stalls a partition for good.
 */
export function isTransientFailure(error: unknown): boolean {
  // MikroORM copies the driver's fields onto its exception; a raw mysql2 error may also come
  // through unwrapped (a connection that fails while a transaction begins).
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (
      current instanceof ConnectionException ||
      current instanceof DeadlockException ||
      current instanceof LockWaitTimeoutException ||
      current instanceof ClaimedElsewhere
    )
      return true;
    if (typeof current !== 'object') return false;
    const { code, fatal, message, cause } = current as ErrorLike;
    // mysql2 marks every error that took the connection down as fatal.
    if (fatal === true) return true;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(message)))
      return true;
    current = cause;
  }
  return false;
}

const MAX_REASON_LENGTH = 200;

/**
 * The dead-letter-reason of a poison event: class, driver code and the message's first line,
 * no stack (the log line has it), short enough for a header.
 */
export function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return truncate(`non-error thrown: ${String(error)}`);
  const { code } = error as ErrorLike;
  const kind = typeof code === 'string' ? `${error.name} ${code}` : error.name;
  const [firstLine = ''] = error.message.split('\n');
  return truncate(`${kind}: ${firstLine}`);
}

function truncate(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}
