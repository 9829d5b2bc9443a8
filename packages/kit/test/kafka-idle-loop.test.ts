import { createRequire } from 'node:module';
import '../src/kafka';

// kafkajs's own per-connection queue, as the kit's Kafka clients use it.
interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  push(request: {
    entry: { correlationId: number; resolve(): void };
    expectResponse: boolean;
    sendRequest(): void;
  }): void;
  checkPendingRequests(): void;
  destroy(): void;
}
type QueueClass = new (options: Record<string, unknown>) => Queue;

const RequestQueue = createRequire(__filename)(
  'kafkajs/src/network/requestQueue/index.js',
) as QueueClass;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe("kafkajs's request queue with the kit's idle-loop fix", () => {
  let queue: Queue;
  beforeEach(() => {
    jest.useFakeTimers();
    queue = new RequestQueue({
      maxInFlightRequests: 1,
      requestTimeout: 30_000,
      enforceRequestTimeout: false,
      clientId: 'kit-test',
      broker: '127.0.0.1:9092',
      logger: quiet,
    });
  });
  afterEach(() => {
    queue.destroy();
    jest.useRealTimers();
  });

  it('schedules nothing when no request waits and no throttle lasts (stock kafkajs: a 1 ms timer, forever)', () => {
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still sends a request that waited out a broker throttle, when the throttle ends', () => {
    const sent: number[] = [];
    const request = (correlationId: number) => ({
      entry: { correlationId, resolve: () => {} },
      expectResponse: false,
      sendRequest: () => sent.push(correlationId),
    });
    queue.throttledUntil = Date.now() + 500;
    queue.push(request(1));
    expect(sent).toEqual([]);
    expect(queue.pending).toHaveLength(1);
    jest.advanceTimersByTime(499);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([1]);
    // Sent and nothing else waiting: the queue goes quiet again.
    expect(queue.pending).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps checking while a throttle lasts even with nothing waiting (a request may come)', () => {
    queue.throttledUntil = Date.now() + 200;
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    jest.advanceTimersByTime(200);
    expect(jest.getTimerCount()).toBe(0);
  });
});
