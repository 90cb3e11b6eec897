import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  PersonalDataPolicy,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '@hcms/shared-kernel';
import { decryptField, encryptField, isEncrypted } from './field-cipher.js';
import type { PatientKeys } from './sqlite-patient-keys.js';

const PATIENT_STREAM = /^patient-([0-9a-f-]{36})$/;

/** The patient an event is about: its metadata says so, or its stream is the patient's. */
export const patientOf = (streamId: string, metadata: { readonly patientId?: string }): string | undefined =>
  metadata.patientId ?? PATIENT_STREAM.exec(streamId)?.[1];

type Data = Readonly<Record<string, unknown>>;

/**
 * Crypto-shredding around an event store: the personal fields of each event (per the contracts'
 * policy) are encrypted with the patient's key before they are appended, and opened when read.
 * Once a patient's key is destroyed their fields read as the policy's stand-ins, while the stored
 * events — and the hashes that seal them — stay as they were. Events appended before encryption
 * (plaintext fields) are read as they are; an event about a patient already erased is stored with
 * the stand-ins. The relay and the sealer use the store beneath, so
 * what leaves for the bus or an export is ciphertext.
 */
export class ShreddingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: PatientKeys,
    private readonly policy: PersonalDataPolicy,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return this.inner.append(
      streamId,
      events.map((event) => this.encrypt(streamId, event)),
      expected,
    );
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly StoredEvent[]> {
    return (await this.inner.readStream(streamId, options)).map(this.open);
  }

  async readAll(options: ReadAllOptions): Promise<readonly StoredEvent[]> {
    return (await this.inner.readAll(options)).map(this.open);
  }

  subscribeToAll(handler: (batch: readonly StoredEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll((batch) => handler(batch.map(this.open)), options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  logId(): Promise<string | undefined> {
    return this.inner.logId();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private encrypt(streamId: string, event: NewEvent): NewEvent {
    const fields = this.policy[event.type];
    if (!fields) return event;
    const data = event.data as Data;
    const personal = Object.keys(fields).filter((field) => data[field] !== undefined);
    if (personal.length === 0) return event;
    const patientId = patientOf(streamId, event.metadata);
    if (patientId === undefined) throw new Error(`${event.type} holds personal data but names no patient: it cannot be encrypted`);
    const key = this.keys.keyFor(patientId);
    const sealed = { ...data };
    // Nothing personal is recorded about an erased patient again: what reacts to the erasure
    // (a cancelled appointment, a withdrawn reminder) records the stand-ins.
    for (const field of personal) sealed[field] = key ? encryptField(key, data[field], `${event.id}.${field}`) : fields[field];
    return { ...event, data: sealed };
  }

  private readonly open = (event: StoredEvent): StoredEvent => {
    const fields = this.policy[event.type];
    if (!fields) return event;
    const data = event.data as Data;
    const sealed = Object.keys(fields).filter((field) => isEncrypted(data[field]));
    if (sealed.length === 0) return event; // appended before encryption: plaintext, read as it is
    const patientId = patientOf(event.streamId, event.metadata) ?? '';
    const key = this.keys.existing(patientId);
    const opened = { ...data };
    for (const field of sealed) {
      opened[field] = Buffer.isBuffer(key) ? decryptField(key, data[field] as never, `${event.id}.${field}`) : fields[field];
    }
    return { ...event, data: opened };
  };
}
