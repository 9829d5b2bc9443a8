import type { KafkaMessage, RetryOptions } from './kafka-types';

/** A consumer group member and what its `eachBatch`/`eachMessage` handlers receive (KafkaJS's shapes). */
export interface ConsumerConfig {
  groupId: string;
  sessionTimeout?: number;
  rebalanceTimeout?: number;
  heartbeatInterval?: number;
  maxWaitTimeInMs?: number;
  retry?: RetryOptions;
}

export interface TopicPartitionOffsets {
  topic: string;
  partitions: Array<{ partition: number; offset: string }>;
}

export interface Offsets {
  topics: TopicPartitionOffsets[];
}

export interface Batch {
  topic: string;
  partition: number;
  highWatermark: string;
  messages: KafkaMessage[];
}

/** What `eachBatch` gets: offsets are resolved and committed by hand (`autoCommit: false`). */
export interface EachBatchPayload {
  batch: Batch;
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  commitOffsetsIfNecessary(offsets?: Offsets): Promise<void>;
  uncommittedOffsets(): Offsets;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface EachMessagePayload {
  topic: string;
  partition: number;
  message: KafkaMessage;
  heartbeat(): Promise<void>;
}

export interface ConsumerRunConfig {
  autoCommit?: boolean;
  eachBatchAutoResolve?: boolean;
  partitionsConsumedConcurrently?: number;
  eachBatch?: (payload: EachBatchPayload) => Promise<void>;
  eachMessage?: (payload: EachMessagePayload) => Promise<void>;
}

export interface ConsumerEvents {
  GROUP_JOIN: 'consumer.group_join';
  REBALANCING: 'consumer.rebalancing';
  CRASH: 'consumer.crash';
}

export interface InstrumentationEvent<T> {
  id: string;
  type: string;
  timestamp: number;
  payload: T;
}

export type GroupJoinEvent = InstrumentationEvent<{
  groupId: string;
  memberId: string;
  /** Partitions given to this member, by topic. */
  memberAssignment: Record<string, number[]>;
}>;
export type RebalancingEvent = InstrumentationEvent<{ groupId: string; memberId: string }>;
export type CrashEvent = InstrumentationEvent<{ error: Error; groupId: string; restart: boolean }>;

/** A member of a consumer group. */
export interface Consumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(
    subscription:
      | { topic: string; fromBeginning?: boolean }
      | { topics: string[]; fromBeginning?: boolean },
  ): Promise<void>;
  run(config?: ConsumerRunConfig): Promise<void>;
  stop(): Promise<void>;
  readonly events: ConsumerEvents;
  on(event: ConsumerEvents['GROUP_JOIN'], listener: (event: GroupJoinEvent) => void): unknown;
  on(event: ConsumerEvents['REBALANCING'], listener: (event: RebalancingEvent) => void): unknown;
  on(event: ConsumerEvents['CRASH'], listener: (event: CrashEvent) => void): unknown;
}
