import { toDomainEvent } from '@hcms/shared-kernel';
import { catalogueEvents, labTestStream } from '../contract.js';
import { STARTER_CATALOGUE } from '../domain/catalogue/starter-catalogue.js';
import type { AnalyteTest, TestDefinition } from '../domain/catalogue/test-definition.js';
import type { LaboratoryDeps } from './laboratory.deps.js';

const STARTER = new Map(STARTER_CATALOGUE.map((d) => [d.code as string, d]));

/**
 * A test as the catalogue defines it now: the last definition an administrator gave it, or the
 * starter catalogue's. Read from the log, not a read model: a result is never judged by a stale range.
 */
export const definitionOf = async (deps: Pick<LaboratoryDeps, 'store'>, code: string): Promise<TestDefinition | undefined> => {
  const history = await deps.store.readStream(labTestStream(code));
  const last = history.at(-1);
  return last ? toDomainEvent(catalogueEvents, last).data.definition : STARTER.get(code);
};

/** The definitions of these codes, and of every member of the panels among them; unknown codes are left out. */
export const definitionsOf = async (deps: Pick<LaboratoryDeps, 'store'>, codes: readonly string[]) => {
  const tests = (await Promise.all(codes.map((code) => definitionOf(deps, code)))).filter((d) => d !== undefined);
  const memberCodes = [...new Set(tests.flatMap((d) => (d.kind === 'panel' ? d.members : [])))];
  const members = (await Promise.all(memberCodes.map((code) => definitionOf(deps, code)))).filter((d) => d !== undefined);
  return { tests, members };
};

/** The analyte definitions of these codes (a panel has no result of its own). */
export const analytesOf = async (deps: Pick<LaboratoryDeps, 'store'>, codes: readonly string[]): Promise<AnalyteTest[]> =>
  (await Promise.all(codes.map((code) => definitionOf(deps, code)))).filter((d): d is AnalyteTest => d !== undefined && d.kind !== 'panel');
