import { createServer, type Server, type Socket } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { acknowledgementText } from './acknowledgement.js';
import { controlIdOf } from './hl7-message.js';
import { mllpDeframer, mllpFrame, type MllpFrameEvent } from './mllp-framing.js';
import { parseResultMessage } from './oru-r01.js';
import type { Acknowledgement, ResultMessage } from './result-message.js';

/** Structured log calls as pino makes them; only ids, codes and reasons of our own wording are passed. */
export interface ListenerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface MllpListenerOptions {
  /** The interface to listen on; loopback unless given: a port taking patient data is opened on purpose. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** What the application does with a message; its answer is the acknowledgement. */
  readonly handle: (message: ResultMessage) => Promise<Acknowledgement>;
  readonly log: ListenerLog;
  /** A frame larger than this is refused (AR) and skipped; 16 MiB leaves room for reports sent as encapsulated data. */
  readonly maxMessageBytes?: number;
  /** How long `close()` lets a message being handled finish before its connection is cut. */
  readonly drainMs?: number;
}

export interface MllpListener {
  /** The port bound, the real one when 0 was asked. */
  readonly port: number;
  /** Stops accepting, lets messages being handled finish (up to `drainMs`), ends every connection; called again, the same. */
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Frames read but not yet answered on one connection before reading pauses: a sender that does not wait is slowed, not buffered without end. */
const MAX_PENDING = 32;
const SEND_AGAIN = 'could not be processed, send again';
/** A control id is logged to find a message again; the sender chooses it, so it is cut short. */
const loggable = (controlId: string | undefined) => controlId?.slice(0, 64);

const errorOnly = (err: unknown) =>
  err instanceof Error ? { type: err.name, message: err.message } : { type: typeof err, message: 'not an Error' };

const within = <T>(work: Promise<T>, ms: number): Promise<T | undefined> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

const listening = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });

/**
 * An MLLP endpoint taking ORU^R01 results. Each message is parsed; one that cannot be is refused
 * (AR, with the reason) without reaching the application; the others are handed to `handle`,
 * whose answer is sent back, or AE when it fails (the sender then sends again). Messages on one
 * connection are answered in the order they came. Logs carry control ids, codes and our own
 * reasons, never what a message holds: that is patient data.
 *
 * Framing is done here on node:net rather than with the library's Hl7Server, which (4.5.2) cannot
 * bind a given interface, retries a port in use forever without telling, reads two messages that
 * arrive in one TCP segment as one (the second is lost), and gives no answer to a frame that is
 * not HL7. The library still parses the messages and builds the acknowledgements.
 */
export const startMllpListener = async (options: MllpListenerOptions): Promise<MllpListener> => {
  const { handle, log } = options;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const drainMs = options.drainMs ?? 5000;
  const closers = new Set<() => Promise<void>>();
  let closing = false;

  const answer = async (text: string): Promise<string> => {
    const parsed = parseResultMessage(text);
    if (E.isLeft(parsed)) {
      log.warn({ controlId: loggable(controlIdOf(text)), reason: parsed.left.reason }, 'HL7 message refused');
      return acknowledgementText(text, parsed.left);
    }
    const message = parsed.right;
    const about = {
      controlId: loggable(message.messageControlId),
      sendingApplication: loggable(message.sendingApplication),
      sendingFacility: loggable(message.sendingFacility),
    };
    let ack: Acknowledgement;
    try {
      ack = await handle(message);
    } catch (err) {
      log.error({ ...about, err: errorOnly(err) }, 'HL7 message could not be processed');
      // Not the message's fault: rejected for now (AR), to be sent again.
      ack = { code: 'AR', reason: SEND_AGAIN };
    }
    log.info({ ...about, observations: message.observations.length, ack: ack.code }, 'HL7 message acknowledged');
    return acknowledgementText(text, ack);
  };

  const answerEvent = (event: MllpFrameEvent): Promise<string> => {
    if (event.kind === 'frame') return answer(event.content.toString('utf8'));
    const head = event.head.toString('utf8');
    const reason = `message is larger than ${maxMessageBytes} bytes`;
    log.warn({ controlId: loggable(controlIdOf(head)), reason }, 'HL7 message refused');
    return Promise.resolve(acknowledgementText(head, { code: 'AR', reason }));
  };

  const accept = (socket: Socket) => {
    const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    if (closing) {
      socket.destroy();
      return;
    }
    const deframe = mllpDeframer(maxMessageBytes);
    let pending = 0;
    let queue: Promise<void> = Promise.resolve();

    const reply = async (event: MllpFrameEvent) => {
      // Once closing, what has not started is left unanswered: the sender sends it again to the next listener.
      if (closing) return;
      const ack = await answerEvent(event);
      if (socket.writable) socket.write(mllpFrame(ack));
    };
    socket.on('data', (chunk: Buffer) => {
      for (const event of deframe(chunk)) {
        pending++;
        if (pending >= MAX_PENDING) socket.pause();
        queue = queue
          .then(() => reply(event))
          .catch((err: unknown) => {
            log.error({ peer, err: errorOnly(err) }, 'MLLP connection failed');
            socket.destroy();
          })
          .finally(() => {
            pending--;
            if (pending < MAX_PENDING && !closing) socket.resume();
          });
      }
    });
    // A sender may send and then close its side: what it sent is still answered before ours is closed.
    socket.on('end', () => void queue.then(() => socket.end()));
    socket.on('error', (err: NodeJS.ErrnoException) => log.warn({ peer, code: err.code }, 'MLLP connection error'));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const close = async () => {
      socket.pause();
      await within(queue, drainMs);
      socket.end();
      await within(closed, 1000);
      socket.destroy();
    };
    closers.add(close);
    void closed.then(() => {
      closers.delete(close);
      log.info({ peer }, 'MLLP connection closed');
    });
    log.info({ peer }, 'MLLP connection opened');
  };

  const server = createServer({ allowHalfOpen: true }, accept);
  const host = options.host ?? '127.0.0.1';
  const port = await listening(server, options.port, host);
  server.on('error', (err: NodeJS.ErrnoException) => log.error({ host, port, code: err.code }, 'MLLP listener error'));
  log.info({ host, port }, 'MLLP listener started');

  const stop = async () => {
    closing = true;
    const stopped = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    await Promise.all([...closers].map((close) => close()));
    await stopped;
    log.info({ host, port }, 'MLLP listener stopped');
  };
  let stopping: Promise<void> | undefined;
  return { port, close: () => (stopping ??= stop()) };
};
