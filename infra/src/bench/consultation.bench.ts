import { startApp } from '../testing/running-app.js';
import { fmt, lanes, rate, ratio, timed, type Row } from './measure.js';

const CLIENTS = 8;
const ENCOUNTERS = 400;
const STEPS = 6;

/**
 * A walk-in encounter from opening to signature over HTTP, as a clinician's client sends it: open,
 * a note section, vitals (a weight in pounds, converted by UCUM), a diagnosis (checked against
 * ICD-10-CM), a prescription (checked against the patient's allergies), the signature. Next to it,
 * registrations (one command each) on the same platform in the same run: commands per second of
 * both, compared.
 */
export const benchConsultation = async (dir: string): Promise<Row[]> => {
  const app = await startApp(dir, { HCMS_DATA_DIR: dir, HCMS_ICD10CM_AFTER_NEWEST: 'newest' });
  try {
    const [desk, doctor] = await Promise.all([app.token('receptionist', 'bench-desk'), app.token('clinician', 'bench-doctor')]);
    const post = async (path: string, body: unknown, token: string, method = 'POST') => {
      const r = await app.call(method, path, { token, body });
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as Record<string, string>;
    };
    const patients: string[] = [];
    const registering = await timed(() =>
      lanes(CLIENTS, ENCOUNTERS, async (i) => {
        const body = { givenName: 'Bench', familyName: `Consultation${i}`, dateOfBirth: '1970-01-01', sex: 'unknown' };
        patients.push((await post('/patients', body, desk))['patientId'] ?? '');
      }),
    );
    const today = new Date().toISOString().slice(0, 10);
    const consulting = await timed(() =>
      lanes(CLIENTS, ENCOUNTERS, async (i) => {
        const patientId = patients[i] ?? '';
        const opened = await post(`/patients/${patientId}/encounters`, { origin: { kind: 'walk-in' }, dateOfService: today }, doctor);
        const at = `/patients/${patientId}/encounters/${opened['encounterId'] ?? ''}`;
        await post(`${at}/note/assessment`, { text: 'Acute bronchitis.' }, doctor, 'PUT');
        await post(`${at}/vitals`, { vitals: [{ kind: 'body-weight', value: 176.37, unit: '[lb_av]' }] }, doctor);
        await post(`${at}/diagnoses`, { code: 'J20.9' }, doctor);
        const dosage = {
          dose: { value: 500, unit: 'mg' },
          route: 'oral',
          frequency: 'three-times-daily',
          duration: { value: 7, unit: 'd' },
        };
        const prescribed = await post(`${at}/prescriptions`, { medication: 'Azithromycin 500 mg tablet', dosage }, doctor);
        await post(`${at}/sign`, { evaluationAndManagement: '99213', version: prescribed['version'] }, doctor);
      }),
    );
    const registrations = rate(ENCOUNTERS, registering);
    const encounters = rate(ENCOUNTERS, consulting);
    return [
      {
        what: `encounter open → sign over HTTP (${STEPS} commands, ${CLIENTS} clients)`,
        ours: fmt(encounters, 'encounters/s'),
        floor: fmt(registrations, 'registrations/s'),
        ratio: `${ratio(encounters * STEPS, registrations)} commands/s`,
      },
    ];
  } finally {
    await app.stop();
  }
};
