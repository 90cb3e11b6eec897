import { expect } from 'chai';
import { clinicCalendar } from './clinic-calendar.js';

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('The clinic calendar', () => {
  it('counts today in the clinic’s time zone, not in UTC', () => {
    // 23:30 in Los Angeles is already the next day in UTC.
    expect(clinicCalendar(at('2026-03-02T07:30:00Z'), 'America/Los_Angeles').today()).to.equal('2026-03-01');
    expect(clinicCalendar(at('2026-03-02T07:30:00Z'), 'UTC').today()).to.equal('2026-03-02');
  });

  it('dates an instant by the clinic’s day, whatever offset it was written with', () => {
    const calendar = clinicCalendar(at('2026-01-01T00:00:00Z'), 'Asia/Tokyo');
    expect(calendar.dateOf('2026-06-30T16:00:00Z')).to.equal('2026-07-01');
    expect(calendar.dateOf('2026-06-30T20:00:00-04:00')).to.equal('2026-07-01');
  });

  it('follows daylight saving time', () => {
    const calendar = clinicCalendar(at('2026-01-01T00:00:00Z'), 'Europe/Paris');
    // 23:30 local on both sides of the change: UTC+1 in winter, UTC+2 in summer.
    expect(calendar.dateOf('2026-03-28T22:30:00Z')).to.equal('2026-03-28');
    expect(calendar.dateOf('2026-03-29T21:30:00Z')).to.equal('2026-03-29');
    expect(calendar.dateOf('2026-03-29T22:30:00Z')).to.equal('2026-03-30');
  });

  it('fails on an instant that is not one, rather than dating it', () => {
    expect(() => clinicCalendar(at('2026-01-01T00:00:00Z'), 'UTC').dateOf('not a date')).to.throw(/no calendar date/);
  });
});
