// Kafka wire protocol: just enough to ask "are you up and is broker 1 registered?"
// All requests use header v1 and non-flexible versions, whose responses use header v0.

import net from 'node:net';
import { HOST } from './constants.mjs';

const API_METADATA = 3;
const API_VERSIONS = 18;
// Kafka 4 removed Metadata v0-v3 (KIP-896); v4 is the oldest left and still non-flexible.
const METADATA_VERSION = 4;
const CLIENT_ID = Buffer.from('kafka-dev-probe');

function encodeRequest(apiKey, apiVersion, correlationId, body) {
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(CLIENT_ID.length, 8);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + CLIENT_ID.length + body.length);
  return Buffer.concat([size, header, CLIENT_ID, body]);
}

function metadataRequestBody() {
  const body = Buffer.alloc(5);
  body.writeInt32BE(-1, 0); // topics: null array = no topic details, brokers only
  body.writeInt8(0, 4); // allow_auto_topic_creation = false
  return body;
}

// Cursor over a response frame; bounds errors surface as RangeError and fail the probe.
function reader(buf) {
  let offset = 0;
  const take = (n) => {
    const at = offset;
    offset += n;
    return at;
  };
  return {
    int16: () => buf.readInt16BE(take(2)),
    int32: () => buf.readInt32BE(take(4)),
    string() {
      const len = buf.readInt16BE(take(2));
      return len < 0 ? null : buf.toString('utf8', take(len), offset);
    },
  };
}

function openResponse(frame, correlationId) {
  const r = reader(frame);
  const got = r.int32();
  if (got !== correlationId) throw new Error(`correlation id ${got}, expected ${correlationId}`);
  return r;
}

function checkApiVersions(frame, correlationId) {
  const errorCode = openResponse(frame, correlationId).int16();
  if (errorCode !== 0) throw new Error(`ApiVersions returned error code ${errorCode}`);
}

function parseMetadataBrokers(frame, correlationId) {
  const r = openResponse(frame, correlationId);
  r.int32(); // throttle_time_ms
  const count = r.int32();
  const brokers = [];
  for (let i = 0; i < count; i++) {
    const nodeId = r.int32();
    const host = r.string();
    const port = r.int32();
    r.string(); // rack
    brokers.push({ nodeId, host, port });
  }
  return brokers;
}

// Hands out size-prefixed response frames one at a time as the socket delivers bytes.
function frameReader(socket) {
  let buf = Buffer.alloc(0);
  let waiter = null;
  let failure = null;
  const flush = () => {
    if (!waiter || buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
    const end = 4 + buf.readInt32BE(0);
    const frame = buf.subarray(4, end);
    buf = buf.subarray(end);
    const w = waiter;
    waiter = null;
    w.resolve(frame);
  };
  const fail = (err) => {
    failure ??= err;
    waiter?.reject(failure);
    waiter = null;
  };
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    flush();
  });
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed by broker')));
  return () =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      waiter = { resolve, reject };
      flush();
    });
}

/**
 * One readiness probe: ApiVersions must succeed, then Metadata lists the registered brokers.
 * Rejects when the broker is not reachable or not answering yet.
 * @returns {Promise<{ brokers: { nodeId: number, host: string, port: number }[] }>}
 */
export async function probeKafka({ host = HOST, port, timeoutMs = 2_000 }) {
  const socket = net.connect({ host, port });
  const timer = setTimeout(
    () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const nextFrame = frameReader(socket);
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(encodeRequest(API_VERSIONS, 0, 1, Buffer.alloc(0)));
    checkApiVersions(await nextFrame(), 1);
    socket.write(encodeRequest(API_METADATA, METADATA_VERSION, 2, metadataRequestBody()));
    return { brokers: parseMetadataBrokers(await nextFrame(), 2) };
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}
