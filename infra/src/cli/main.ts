import { Argument, Command, Option } from 'commander';
import { Roles, type Role } from '@hcms/shared-kernel';
import { tokenServiceFor } from '../auth/jwt.js';
import { loadConfig } from '../config/config.js';
import { CONTEXTS, type ContextName } from '../roles/roles.js';
import { deadLetterCommands } from './dead-letters.command.js';
import { projectionCommands } from './projections.command.js';
import { exportCommand, keysCommand, verifyCommand } from './integrity.command.js';
import { hl7Commands } from './hl7.command.js';
import { logCommands } from './log.command.js';
import { runRole } from './run-role.js';

const program = new Command('hcms').description('HCMS healthcare management platform').version('0.1.0');

program
  .command('start')
  .alias('all')
  .description('every role in one process (adapters from HCMS_EVENT_STORE, HCMS_BUS, HCMS_READ_STORE; embedded by default)')
  .action(() => runRole('all'));
program
  .command('context')
  .description("one bounded context's command API")
  .addArgument(new Argument('<name>').choices(CONTEXTS))
  .action((name: ContextName) => runRole({ context: name }));
program
  .command('relay')
  .description('publish the event log to the bus')
  .action(() => runRole('relay'));
program
  .command('projector')
  .description('keep every read model up to date from the bus')
  .action(() => runRole('projector'));
program
  .command('query')
  .description('serve the read models')
  .action(() => runRole('query'));
program
  .command('gateway')
  .description('one HTTP entry forwarding to the services (HCMS_PATIENTS_URL, HCMS_QUERY_URL)')
  .action(() => runRole('gateway'));

program
  .command('token')
  .description('print a signed bearer token for a role (development and scripting)')
  .addOption(new Option('--role <role>', 'the role the token grants').choices(Roles).makeOptionMandatory())
  .option('--sub <id>', 'the subject: a user id, or the patient id for the patient role', 'dev-user')
  .action(async (options: { role: Role; sub: string }) => {
    const config = loadConfig();
    config.warnings.forEach((w) => process.stderr.write(`warning: ${w}\n`));
    const token = await tokenServiceFor(config).issue(options.sub, options.role);
    process.stdout.write(`${token}\n`);
  });

program.addCommand(deadLetterCommands());
program.addCommand(projectionCommands());
program.addCommand(exportCommand());
program.addCommand(verifyCommand());
program.addCommand(keysCommand());
program.addCommand(logCommands());
program.addCommand(hl7Commands());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`hcms: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
