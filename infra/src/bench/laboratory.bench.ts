import { startMllpListener } from '../laboratory/hl7/mllp-listener.js';
import { createLogger } from '../system/logger.js';
import { openHl7Connection, oruR01, type OruR01Observation } from '../testing/hl7.js';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { fmt, lanes, percentile, rate, ratio, timed, type Row } from './measure.js';

const CONNECTIONS = 4;
const MESSAGES = 300;
const CHARTED = 200;
const BASIC_METABOLIC_PANEL = '51990-0';

/** A basic metabolic panel as an analyser reports it: 8 results, all in range. */
const PANEL: readonly OruR01Observation[] = [
  { code: '2951-2', value: '140', unit: 'mmol/L' },
  { code: '2823-3', value: '4.2', unit: 'mmol/L' },
  { code: '2075-0', value: '102', unit: 'mmol/L' },
  { code: '2028-9', value: '25', unit: 'mmol/L' },
  { code: '3094-0', value: '14', unit: 'mg/dL' },
  { code: '2160-0', value: '0.9', unit: 'mg/dL' },
  { code: '2345-7', value: '92', unit: 'mg/dL' },
  { code: '17861-6', value: '9.4', unit: 'mg/dL' },
];

/** Orders of a basic metabolic panel, each with its specimen collected and received: what an analyser reports on. */
const receivedSpecimens = async (app: RunningApp, count: number) => {
  const [desk, doctor, tech] = await Promise.all([
    app.token('receptionist', 'bench-desk'),
    app.token('clinician', 'bench-doctor'),
    app.token('lab-technician', 'bench-tech'),
  ]);
  const post = async (path: string, body: unknown, token: string) => {
    const r = await app.call('POST', path, { token, ...(body === undefined ? {} : { body }) });
    if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, string>;
  };
  const specimens: { patientId: string; labOrderId: string; accessionNumber: string }[] = [];
  await lanes(8, count, async (i) => {
    const body = { givenName: 'Bench', familyName: `Laboratory${i}`, dateOfBirth: '1970-01-01', sex: 'female' };
    const { patientId = '' } = await post('/patients', body, desk);
    // Laboratory reads the patient from Patients' read model: a moment after registration.
    let placed: Record<string, string> | undefined;
    while (!placed) {
      const r = await app.call('POST', `/patients/${patientId}/lab-orders`, { token: doctor, body: { tests: [BASIC_METABOLIC_PANEL] } });
      if (r.status === 201) placed = r.body as Record<string, string>;
      else if (r.status !== 503) throw new Error(`order: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const order = `/patients/${patientId}/lab-orders/${placed['labOrderId'] ?? ''}`;
    const { accessionNumber = '' } = await post(
      `${order}/specimens`,
      { specimenType: 'serum', collectedAt: new Date().toISOString() },
      tech,
    );
    await post(`${order}/specimens/${accessionNumber}/receive`, undefined, tech);
    specimens.push({ patientId, labOrderId: placed['labOrderId'] ?? '', accessionNumber });
  });
  return specimens;
};

/** Sends each message on one of `CONNECTIONS` connections, in turn; throws on any answer but AA. */
const sendAll = async (port: number, messages: readonly string[]): Promise<void> => {
  const connections = Array.from({ length: CONNECTIONS }, () => openHl7Connection(port));
  try {
    let next = 0;
    await Promise.all(
      connections.map(async (connection) => {
        while (next < messages.length) {
          const ack = await connection.send(messages[next++] ?? '');
          if (ack.code !== 'AA') throw new Error(`${ack.code}: ${ack.text}`);
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
};

/**
 * An analyser's results over MLLP: basic metabolic panels (8 results each) matched to their orders
 * by accession number, converted, interpreted and entered, each acknowledged AA — next to the same
 * messages answered AA at once by a listener that does nothing with them (framing, parsing and the
 * ACK alone), in the same run. Then a result's way to the clinician: the analyser's message, the
 * second technician's verification, and the chart showing it, read back with `minPosition`.
 */
export const benchLaboratory = async (dir: string): Promise<Row[]> => {
  const app = await startApp(dir, { HCMS_DATA_DIR: dir });
  try {
    const specimens = await receivedSpecimens(app, MESSAGES + CHARTED);
    const message = (i: number) =>
      oruR01({ controlId: `BENCH-${i}`, accessionNumber: specimens[i]?.accessionNumber ?? '', observations: PANEL });
    const accepted = Array.from({ length: MESSAGES }, (_, i) => message(i));

    const noOp = await startMllpListener({ port: 0, handle: async () => ({ code: 'AA' }), log: createLogger('silent') });
    const floor = rate(
      MESSAGES,
      await timed(() =>
        sendAll(
          noOp.port,
          accepted.map((m) => m.replace('BENCH-', 'FLOOR-')),
        ),
      ),
    );
    await noOp.close();
    const ours = rate(MESSAGES, await timed(() => sendAll(app.mllpPort, accepted)));

    const verifier = await app.token('lab-technician', 'bench-verifier');
    const doctor = await app.token('clinician', 'bench-doctor');
    const delays: number[] = [];
    await lanes(4, CHARTED, async (n) => {
      const i = MESSAGES + n;
      const specimen = specimens[i];
      if (!specimen) return;
      const order = `/patients/${specimen.patientId}/lab-orders/${specimen.labOrderId}`;
      const start = performance.now();
      await sendAll(app.mllpPort, [message(i)]);
      // The verifier reads the order after the analyser's message, as a technician's screen does.
      let version: number | undefined;
      while (version === undefined) {
        const read = (await app.call('GET', order, { token: verifier })).body as { status?: string; version?: number } | undefined;
        if (read?.status === 'resulted') version = read.version;
      }
      const verified = await app.call('POST', `${order}/verify`, { token: verifier, body: { version } });
      if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
      const { position } = verified.body as { position: number };
      const chart = (await app.call('GET', `/patients/${specimen.patientId}/clinical-chart?minPosition=${position}`, { token: doctor }))
        .body as { labResults?: unknown[] } | undefined;
      if (!chart?.labResults?.length) throw new Error('the chart does not show the verified results');
      delays.push(performance.now() - start);
    });
    const sorted = [...delays].sort((a, b) => a - b);
    return [
      {
        what: `HL7 ORU^R01 over MLLP accepted (basic metabolic panel, 8 results; ${CONNECTIONS} connections)`,
        ours: fmt(ours, 'messages/s'),
        floor: `${fmt(floor, 'messages/s')} (a listener that does nothing)`,
        ratio: ratio(ours, floor),
      },
      {
        what: 'result entry → chart: HL7 message, verification, chart read back (4 lanes)',
        ours: `p99 ${percentile(sorted, 99).toFixed(1)} ms`,
        floor: `p50 ${percentile(sorted, 50).toFixed(1)} ms`,
      },
    ];
  } finally {
    await app.stop();
  }
};
