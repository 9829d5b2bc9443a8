import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from './clock';

export interface IdAndTime {
  id: string;
  at: Date;
}

/**
 * UUIDv7 ids that strictly increase within this source, with the creation time they carry:
 * time-ordered, so primary keys append to the end of InnoDB's clustered index instead of
 * splitting pages at random. Lists sort by (created_at, id) newest first; two rows made in the
 * same millisecond would otherwise come back in random order, so the 12-bit `rand_a` field is a
 * sequence instead (and a clock that steps back never makes an id smaller).
 */
export function createIdSource(clock: Clock = systemClock): () => IdAndTime {
  let lastMs = 0;
  let sequence = 0;
  return () => {
    let ms = clock();
    if (ms <= lastMs) {
      ms = lastMs;
      sequence += 1;
      if (sequence > 0xfff) {
        ms += 1;
        sequence = 0;
      }
    } else {
      sequence = 0;
    }
    lastMs = ms;
    return { id: formatUuidV7(ms, sequence), at: new Date(ms) };
  };
}

function formatUuidV7(ms: number, sequence: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const processIds = createIdSource();

/** The next id of the process-wide monotonic source: later calls always answer larger ids. */
export function newId(): string {
  return processIds().id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
