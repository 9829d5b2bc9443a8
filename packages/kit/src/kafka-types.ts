/**
 * The part of a Kafka client the services use, in KafkaJS's shapes: kafkajs satisfies these
 * types (kafka.ts compiles only while it does), and so would any client with a KafkaJS-compatible
 * API, which then replaces kafkajs in kafka.ts alone. Services import these, never the client.
 */
import type { Consumer, ConsumerConfig, TopicPartitionOffsets } from './kafka-consumer-types';

export interface Kafka {
  producer(config?: ProducerConfig): Producer;
  consumer(config: ConsumerConfig): Consumer;
  admin(): Admin;
}

export interface IHeaders {
  [key: string]: Buffer | string | Array<Buffer | string> | undefined;
}

/** A message to send. */
export interface Message {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  headers?: IHeaders;
  timestamp?: string;
}

/** A message as a consumer receives it. */
export interface KafkaMessage {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  offset: string;
  headers?: IHeaders;
}

export interface RetryOptions {
  maxRetryTime?: number;
  initialRetryTime?: number;
  retries?: number;
}

export interface PartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

export interface PartitionerArgs {
  topic: string;
  partitionMetadata: PartitionMetadata[];
  message: Message;
}

export type PartitionerFactory = () => (args: PartitionerArgs) => number;

export interface ProducerConfig {
  createPartitioner?: PartitionerFactory;
  retry?: RetryOptions;
  allowAutoTopicCreation?: boolean;
  idempotent?: boolean;
  maxInFlightRequests?: number;
}

export interface ProducerRecord {
  topic: string;
  messages: Message[];
  /** -1: every in-sync replica. */
  acks?: number;
  timeout?: number;
}

export interface ProducerBatch {
  acks?: number;
  timeout?: number;
  topicMessages?: Array<{ topic: string; messages: Message[] }>;
}

export interface RecordMetadata {
  topicName: string;
  partition: number;
  errorCode: number;
  baseOffset?: string;
}

export interface Producer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
}

export interface TopicConfig {
  topic: string;
  numPartitions?: number;
  replicationFactor?: number;
  configEntries?: Array<{ name: string; value: string }>;
}

export interface TopicOffsets {
  partition: number;
  offset: string;
  high: string;
  low: string;
}

/** Topic creation and the offset reads lag metrics and tests need. */
export interface Admin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  createTopics(options: {
    waitForLeaders?: boolean;
    timeout?: number;
    topics: TopicConfig[];
  }): Promise<boolean>;
  fetchTopicMetadata(options?: { topics: string[] }): Promise<{
    topics: Array<{ name: string; partitions: PartitionMetadata[] }>;
  }>;
  /** The end (`high`) and start (`low`) offsets of every partition. */
  fetchTopicOffsets(topic: string): Promise<TopicOffsets[]>;
  /** A group's committed offsets; `-1` where it has committed nothing yet. */
  fetchOffsets(options: { groupId: string; topics?: string[] }): Promise<TopicPartitionOffsets[]>;
  resetOffsets(options: { groupId: string; topic: string; earliest: boolean }): Promise<void>;
  describeGroups(
    groupIds: string[],
  ): Promise<{ groups: Array<{ groupId: string; state: string }> }>;
}
