import * as E from 'fp-ts/lib/Either.js';
import { invariantViolated, type DomainError, type Problem } from '@hcms/shared-kernel';

const isMoney = (x: unknown): x is { amount: number; currency: string } =>
  typeof x === 'object' && x !== null && typeof (x as { currency?: unknown }).currency === 'string' && 'amount' in x;

/** Every amount in a request body is in the installation's currency; each one that is not is named. */
export const currencyProblems = (body: unknown, currency: string): E.Either<DomainError, void> => {
  const problems: Problem[] = [];
  const walk = (x: unknown, path: string): void => {
    if (isMoney(x)) {
      if (x.currency !== currency) problems.push({ path: `${path}.currency`, rule: `must be ${currency}, this installation’s currency` });
      return;
    }
    if (Array.isArray(x)) x.forEach((item, i) => walk(item, `${path}.${i}`));
    else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
  };
  walk(body, 'body');
  return problems.length === 0
    ? E.right(undefined)
    : E.left(invariantViolated('CURRENCY_MISMATCH', `amounts must be in ${currency}`, { problems }));
};
