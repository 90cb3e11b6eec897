/**
 * Whether a LOINC code's last digit checks: LOINC's mod 10 (Luhn) over the digits before the hyphen,
 * so a mistyped digit or two swapped ones (`2832-3` for `2823-3`) never names another test.
 */
export const hasValidCheckDigit = (code: string): boolean => {
  const match = /^([0-9]{1,7})-([0-9])$/.exec(code);
  if (match === null) return false;
  const [, body = '', check = ''] = match;
  const sum = [...body].reverse().reduce((total, digit, i) => {
    const d = Number(digit) * (i % 2 === 0 ? 2 : 1);
    return total + Math.floor(d / 10) + (d % 10);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(check);
};
