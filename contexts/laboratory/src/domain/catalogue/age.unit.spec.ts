import { expect } from 'chai';
import { dayReaching, isAtLeast, isYoungerThan } from './age.js';
import type { Age } from './test-definition.js';

const years = (value: number): Age => ({ value, unit: 'years' });
const months = (value: number): Age => ({ value, unit: 'months' });
const days = (value: number): Age => ({ value, unit: 'days' });

describe('Age on the calendar', () => {
  describe('in years', () => {
    it('is 18 years old on the 18th birthday', () => expect(isAtLeast('2008-03-01', years(18), '2026-03-01')).to.equal(true));
    it('is not 18 years old the day before', () => expect(isAtLeast('2008-03-01', years(18), '2026-02-28')).to.equal(false));
    it('turns a year older on 28 February when born on 29 February and the year is common', () => {
      expect(dayReaching('2024-02-29', years(1))).to.equal('2025-02-28');
      expect(isAtLeast('2024-02-29', years(1), '2025-02-27')).to.equal(false);
      expect(isAtLeast('2024-02-29', years(1), '2025-02-28')).to.equal(true);
    });
    it('keeps 29 February in a leap year', () => expect(dayReaching('2024-02-29', years(4))).to.equal('2028-02-29'));
  });

  describe('in months', () => {
    it('falls on the same day of a later month', () => expect(dayReaching('2025-11-15', months(3))).to.equal('2026-02-15'));
    it('falls on the month’s last day when the month is shorter', () => {
      expect(dayReaching('2025-01-31', months(1))).to.equal('2025-02-28');
      expect(dayReaching('2024-01-31', months(1))).to.equal('2024-02-29');
      expect(dayReaching('2025-08-31', months(1))).to.equal('2025-09-30');
    });
    it('is 6 months old on the day, not the day before', () => {
      expect(isAtLeast('2025-09-10', months(6), '2026-03-10')).to.equal(true);
      expect(isAtLeast('2025-09-10', months(6), '2026-03-09')).to.equal(false);
    });
  });

  describe('in days', () => {
    it('counts 29 February of a leap year', () => expect(dayReaching('2024-02-01', days(30))).to.equal('2024-03-02'));
    it('counts a common February as 28 days', () => expect(dayReaching('2025-02-01', days(30))).to.equal('2025-03-03'));
    it('crosses a year end', () => expect(dayReaching('2025-12-20', days(28))).to.equal('2026-01-17'));
    it('counts a leap year as 366 days', () => expect(dayReaching('2024-01-01', days(366))).to.equal('2025-01-01'));
    it('is 28 days old on the 28th day after birth', () => {
      expect(isAtLeast('2026-02-01', days(28), '2026-03-01')).to.equal(true);
      expect(isAtLeast('2026-02-01', days(28), '2026-02-28')).to.equal(false);
    });
  });

  describe('when two ages are compared', () => {
    it('compares years and months exactly', () => {
      expect(isYoungerThan(months(11), years(1))).to.equal(true);
      expect(isYoungerThan(months(12), years(1))).to.equal(false);
      expect(isYoungerThan(years(1), months(13))).to.equal(true);
    });
    it('compares days with days', () => expect(isYoungerThan(days(27), days(28))).to.equal(true));
    it('compares days with months when no calendar could make them meet', () => {
      expect(isYoungerThan(days(28), years(1))).to.equal(true);
      expect(isYoungerThan(months(1), days(40))).to.equal(true);
    });
    it('does not hold 30 days younger than a month: after a February it is older', () => {
      expect(isYoungerThan(days(30), months(1))).to.equal(false);
      expect(isYoungerThan(months(1), days(30))).to.equal(false);
    });
  });
});
