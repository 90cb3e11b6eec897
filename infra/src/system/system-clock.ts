import type { Clock } from '@hcms/shared-kernel';

export const systemClock: Clock = { now: () => new Date() };
