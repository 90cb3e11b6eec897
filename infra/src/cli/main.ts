import { Command, Option } from 'commander';
import { Roles, type Role } from '@hcms/shared-kernel';
import { jwtTokenService } from '../auth/jwt.js';
import { loadConfig } from '../config/config.js';
import { embeddedContainer } from '../composition/container.js';
import { Platform } from '../composition/platform.js';

const program = new Command('hcms').description('HCMS healthcare management platform').version('0.1.0');

program
  .command('start')
  .description('run every role in one process on the embedded adapters (SQLite, in-process bus)')
  .action(async () => {
    const platform = new Platform(embeddedContainer(loadConfig()));
    const { url } = await platform.start();
    process.stdout.write(`HCMS is up on ${url} (API document: ${url}/docs)\n`);
    const shutdown = () => {
      platform.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('token')
  .description('print a signed bearer token for a role (development and scripting)')
  .addOption(new Option('--role <role>', 'the role the token grants').choices(Roles).makeOptionMandatory())
  .option('--sub <id>', 'the subject: a user id, or the patient id for the patient role', 'dev-user')
  .action(async (options: { role: Role; sub: string }) => {
    const config = loadConfig();
    config.warnings.forEach((w) => process.stderr.write(`warning: ${w}\n`));
    const token = await jwtTokenService(config.jwtSecret, config.jwtIssuer, config.tokenTtlSeconds).issue(options.sub, options.role);
    process.stdout.write(`${token}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`hcms: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
