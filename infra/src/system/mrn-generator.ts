import { randomInt } from 'node:crypto';
import type { MrnGenerator } from '@hcms/patients';

/** Luhn check digit: catches a mistyped digit or two swapped neighbours. */
export const luhnDigit = (digits: string): number => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
};

/** `MRN-` + 7 random digits + a check digit: short enough to read aloud, hard to mistype. */
export const randomMrnGenerator: MrnGenerator = {
  next: () => {
    const body = String(randomInt(1_000_000, 10_000_000));
    return `MRN-${body}${luhnDigit(body)}`;
  },
};
