import { addCalendarDays, addCalendarMonths, type IsoDate } from '@hcms/shared-kernel';

export const addDays = (date: IsoDate, days: number): IsoDate => addCalendarDays(date, days) as IsoDate;

/** The same day `months` later, or that month's last day when it is shorter (31 January + 1 month: 28 or 29 February). */
export const addMonths = (date: IsoDate, months: number): IsoDate => addCalendarMonths(date, months) as IsoDate;
