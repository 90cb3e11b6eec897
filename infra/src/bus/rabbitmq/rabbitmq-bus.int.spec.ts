import { messageBusContract } from '../../testing/message-bus.contract.js';
import { requiredEnv } from '../../testing/servers.js';
import { createLogger } from '../../system/logger.js';
import { RabbitMqBus } from './rabbitmq-bus.js';

messageBusContract(
  'RabbitMQ',
  () => RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), createLogger('silent'), { retryDelayMs: 20 }),
  (bus, group) => (bus as RabbitMqBus).deleteGroup(group),
);
