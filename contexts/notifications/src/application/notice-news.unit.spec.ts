import { expect } from 'chai';
import { isNews, NOTICE_WINDOW_SECONDS } from './notice-window.js';

const now = '2026-12-06T10:00:00.000Z';
const ago = (seconds: number) => new Date(Date.parse(now) - seconds * 1000).toISOString();

describe('A notice about an appointment', () => {
  it('is news for an event recorded within the window, about an appointment still ahead', () => {
    expect(isNews(ago(60), now, '2026-12-09T10:00:00Z')).to.equal(true);
    expect(isNews(ago(NOTICE_WINDOW_SECONDS), now)).to.equal(true);
  });
  it('is not news for an older event, whenever the appointment is', () => {
    expect(isNews(ago(NOTICE_WINDOW_SECONDS + 1), now, '2026-12-09T10:00:00Z')).to.equal(false);
    expect(isNews(ago(2 * NOTICE_WINDOW_SECONDS), now)).to.equal(false);
  });
  it('is not news about an appointment already past, however recent the event', () =>
    expect(isNews(ago(60), now, '2026-12-06T09:30:00Z')).to.equal(false));
});
