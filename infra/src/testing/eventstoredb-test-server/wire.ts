// The client package's generated protobuf modules (CommonJS): loaded whole, used by name.
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type { LoggedEvent } from './in-memory-log.js';

export { featuresGrpc, featuresPb, sharedPb, streamsGrpc, streamsPb };

export type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
export type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
export type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
export type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type UUID = InstanceType<typeof sharedPb.UUID>;

/** The client sends ids as strings; structured (two 64-bit halves) is accepted too. */
export const uuidText = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (!uuid.hasStructured()) return uuid.getString();
  const s = uuid.getStructured();
  const hex = [s?.getMostSignificantBits() ?? '0', s?.getLeastSignificantBits() ?? '0']
    .map((half) => BigInt.asUintN(64, BigInt(half)).toString(16).padStart(16, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const readEvent = (e: LoggedEvent): ReadResp => {
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(e.id);
  const name = new sharedPb.StreamIdentifier();
  name.setStreamName(e.streamName);
  record.setId(id);
  record.setStreamIdentifier(name);
  record.setStreamRevision(e.revision.toString());
  record.setCommitPosition(e.position.toString());
  record.setPreparePosition(e.position.toString());
  for (const [k, v] of e.metadata) record.getMetadataMap().set(k, v);
  record.setCustomMetadata(e.customMetadata);
  record.setData(e.data);
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(record);
  read.setCommitPosition(e.position.toString());
  const resp = new streamsPb.ReadResp();
  resp.setEvent(read);
  return resp;
};

export const streamNotFound = (streamName: Uint8Array): ReadResp => {
  const name = new sharedPb.StreamIdentifier();
  name.setStreamName(streamName);
  const missing = new streamsPb.ReadResp.StreamNotFound();
  missing.setStreamIdentifier(name);
  const resp = new streamsPb.ReadResp();
  resp.setStreamNotFound(missing);
  return resp;
};

export const confirmation = (subscriptionId: string): ReadResp => {
  const confirmed = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmed.setSubscriptionId(subscriptionId);
  const resp = new streamsPb.ReadResp();
  resp.setConfirmation(confirmed);
  return resp;
};

export const caughtUp = (): ReadResp => {
  const resp = new streamsPb.ReadResp();
  resp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
  return resp;
};
