import * as t from 'io-ts';
import { ActorCodec } from './actor.js';

export const EventMetadataCodec = t.intersection(
  [
    t.type({
      actor: ActorCodec,
      correlationId: t.string,
      causationId: t.string,
      schemaVersion: t.number,
    }),
    t.partial({ patientId: t.string }),
  ],
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadataCodec>;

/** An event about to be appended: the store assigns version, position and recordedAt. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** The envelope as stored and published (ARCHITECTURE §3). */
export const StoredEventCodec = t.type(
  {
    id: t.string,
    type: t.string,
    streamId: t.string,
    version: t.number,
    position: t.number,
    recordedAt: t.string,
    data: t.unknown,
    metadata: EventMetadataCodec,
  },
  'StoredEvent',
);
export type StoredEvent = t.TypeOf<typeof StoredEventCodec>;

/** `patients.PatientRegistered` → `patients` */
export const contextOf = (eventType: string): string => eventType.split('.', 1)[0] ?? '';
