import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { InMemoryLog, type Expected, type LoggedEvent, type Proposed } from './in-memory-log.js';
import {
  caughtUp,
  confirmation,
  featuresGrpc,
  featuresPb,
  readEvent,
  sharedPb,
  streamNotFound,
  streamsGrpc,
  streamsPb,
  uuidText,
  type AppendReq,
  type AppendResp,
  type ReadReq,
  type ReadResp,
} from './wire.js';

const { ReadReq: R } = streamsPb;
const MAX = 2n ** 64n - 1n;

/** 100-nanosecond ticks since the Unix epoch: what the client turns into `created`. */
const ticksNow = (): string => (BigInt(Date.now()) * 10_000n).toString();

const fail = (code: grpc.status, details: string) => Object.assign(new Error(details), { code, details });

/**
 * TEST SUPPORT ONLY: an EventStoreDB-protocol server over an in-memory log (see README.md).
 */
export class EventStoreDbTestServer {
  readonly log = new InMemoryLog();
  private readonly server = new grpc.Server();
  private port = 0;

  static async start(): Promise<EventStoreDbTestServer> {
    const s = new EventStoreDbTestServer();
    s.server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: s.supportedMethods });
    s.server.addService(streamsGrpc.StreamsService, { append: s.append, read: s.read });
    s.port = await new Promise<number>((resolve, reject) =>
      s.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return s;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  private readonly supportedMethods = (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
    const methods = ['read', 'append'].map((name) => {
      const m = new featuresPb.SupportedMethod();
      m.setServiceName('event_store.client.streams.streams');
      m.setMethodName(name);
      return m;
    });
    const supported = new featuresPb.SupportedMethods();
    supported.setMethodsList(methods);
    supported.setEventStoreServerVersion('23.10.0-hcms-test-server');
    callback(null, supported);
  };

  /** Client streaming: the options first, then the proposed events; one answer at the end. */
  private readonly append = (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => {
    const messages: AppendReq[] = [];
    call.on('data', (m: AppendReq) => messages.push(m));
    call.on('error', () => undefined);
    call.on('end', () => {
      const options = messages[0]?.getOptions();
      if (!options?.hasStreamIdentifier()) return callback(fail(grpc.status.INVALID_ARGUMENT, 'the first message must carry the options'));
      const name = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
      const proposed: Proposed[] = [];
      for (const m of messages.slice(1)) {
        const p = m.getProposedMessage();
        const metadata = new Map(p?.getMetadataMap().toArray() ?? []);
        if (!p || !metadata.has('type') || !metadata.has('content-type')) {
          return callback(fail(grpc.status.INVALID_ARGUMENT, 'a proposed event needs the metadata keys type and content-type'));
        }
        metadata.set('created', ticksNow());
        proposed.push({ id: uuidText(p.getId()), metadata, customMetadata: p.getCustomMetadata_asU8(), data: p.getData_asU8() });
      }
      const expected = expectedOf(options);
      const outcome = this.log.append(name, expected, proposed);
      const resp = new streamsPb.AppendResp();
      if (outcome.ok) {
        const success = new streamsPb.AppendResp.Success();
        if (outcome.currentRevision === undefined) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
        else {
          const position = new streamsPb.AppendResp.Position();
          position.setCommitPosition(outcome.position.toString());
          position.setPreparePosition(outcome.position.toString());
          success.setPosition(position);
        }
        resp.setSuccess(success);
      } else resp.setWrongExpectedVersion(wrongExpectedVersion(expected, outcome.currentRevision));
      callback(null, resp);
    });
  };

  /** Server streaming: stream reads, $all reads, and $all subscriptions (catch-up, then live). */
  private readonly read = (call: grpc.ServerWritableStream<ReadReq, ReadResp>): void => {
    const options = call.request.getOptions();
    if (!options) return void call.destroy(fail(grpc.status.INVALID_ARGUMENT, 'read options are required'));
    const backwards = options.getReadDirection() === R.Options.ReadDirection.BACKWARDS;
    const subscribing = options.getCountOptionCase() === R.Options.CountOptionCase.SUBSCRIPTION;
    const count = subscribing ? MAX : BigInt(options.getCount() || '0');
    const accept = filterOf(options);

    if (options.getStreamOptionCase() === R.Options.StreamOptionCase.STREAM) {
      if (subscribing) return void call.destroy(fail(grpc.status.UNIMPLEMENTED, 'stream subscriptions are not served by the test server'));
      const s = options.getStream();
      const name = Buffer.from(s?.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
      const events = this.log.stream(name);
      if (!events) return void (call.write(streamNotFound(name)), call.end());
      const rev = s?.getRevisionOptionCase() === R.Options.StreamOptions.RevisionOptionCase.REVISION ? BigInt(s.getRevision()) : undefined;
      const fromEnd = s?.getRevisionOptionCase() === R.Options.StreamOptions.RevisionOptionCase.END;
      const selected = backwards
        ? events.filter((e) => (fromEnd || rev === undefined ? true : e.revision <= rev)).reverse()
        : events.filter((e) => (fromEnd ? false : e.revision >= (rev ?? 0n)));
      selected.slice(0, Number(count > BigInt(selected.length) ? BigInt(selected.length) : count)).forEach((e) => call.write(readEvent(e)));
      return void call.end();
    }

    const all = options.getAll();
    const allCase = all?.getAllOptionCase();
    const at = allCase === R.Options.AllOptions.AllOptionCase.POSITION ? BigInt(all?.getPosition()?.getCommitPosition() ?? '0') : undefined;
    const fromEnd = allCase === R.Options.AllOptions.AllOptionCase.END;
    if (!subscribing) {
      const log = this.log.all.filter(accept);
      const selected = backwards
        ? log.filter((e) => fromEnd || at === undefined || e.position < at).reverse()
        : log.filter((e) => !fromEnd && (at === undefined || e.position >= at));
      selected.slice(0, Number(count > BigInt(selected.length) ? BigInt(selected.length) : count)).forEach((e) => call.write(readEvent(e)));
      return void call.end();
    }
    this.subscribe(call, fromEnd ? (this.log.all[this.log.all.length - 1]?.position ?? 0n) : (at ?? -1n), accept);
  };

  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, after: bigint, accept: (e: LoggedEvent) => boolean): void {
    call.write(confirmation(randomUUID()));
    let next = this.log.all.findIndex((e) => e.position > after);
    if (next < 0) next = this.log.all.length;
    const deliver = () => {
      for (; next < this.log.all.length; next++) {
        const e = this.log.all[next];
        if (e && accept(e)) call.write(readEvent(e));
      }
    };
    deliver();
    call.write(caughtUp());
    const unsubscribe = this.log.onAppend(deliver);
    const end = () => unsubscribe();
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  }
}

const expectedOf = (options: InstanceType<typeof streamsPb.AppendReq.Options>): Expected => {
  const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
};

const wrongExpectedVersion = (expected: Expected, current: bigint | undefined) => {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedAny(new sharedPb.Empty());
  return wrong;
};

/** Server-side filters on $all reads: a regex or prefixes, on the stream name or the event type. */
const filterOf = (options: InstanceType<typeof streamsPb.ReadReq.Options>): ((e: LoggedEvent) => boolean) => {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter();
  const byStream = filter?.hasStreamIdentifier() ?? false;
  const expression = byStream ? filter?.getStreamIdentifier() : filter?.getEventType();
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression?.getPrefixList() ?? [];
  return (e) => {
    const subject = byStream ? e.streamName.toString('utf8') : (e.metadata.get('type') ?? '');
    return (regex ? regex.test(subject) : true) && (prefixes.length === 0 || prefixes.some((p) => subject.startsWith(p)));
  };
};
