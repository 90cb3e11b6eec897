import * as E from 'fp-ts/lib/Either.js';
import { runCommand, type CommandContext } from '@hcms/shared-kernel';
import { notificationStream } from '../contract.js';
import type { NotificationCommand } from '../domain/notification.commands.js';
import type { NotificationErrorCode } from '../domain/notification.decider.js';
import { notificationAggregate } from './aggregate.js';
import type { NotificationsDeps } from './notifications.deps.js';

/** Refusals that mean "already done" or "nothing to do" when an event is handled again. */
const SETTLED: readonly NotificationErrorCode[] = ['NOTIFICATION_CLOSED', 'NOTIFICATION_NOT_FOUND'];

/**
 * How a policy runs its commands on notifications: a refusal that only says the work is done is
 * returned (the policy may act on it), any other is thrown, so the event is tried again, then parked.
 */
export const policyRunner =
  (deps: NotificationsDeps, ctx: CommandContext, patientId: string | undefined) =>
  async (notificationId: string, command: NotificationCommand): Promise<NotificationErrorCode | undefined> => {
    const options = patientId === undefined ? {} : { patientId };
    const result = await runCommand(deps, notificationAggregate, notificationStream(notificationId), command, ctx, options);
    if (E.isRight(result)) return undefined;
    if (!SETTLED.includes(result.left.code)) throw new Error(`notification ${notificationId}: ${result.left.code}`);
    return result.left.code;
  };
