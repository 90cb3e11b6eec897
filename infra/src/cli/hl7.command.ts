import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { loadConfig } from '../config/config.js';

/**
 * `hcms hl7 send <file>`: sends an HL7 v2 message to Laboratory's MLLP listener, as an analyser
 * would, and prints the acknowledgement. Segments may be separated by new lines in the file.
 */
export const hl7Commands = (): Command => {
  const hl7 = new Command('hl7').description('HL7 v2 over MLLP, as an analyser speaks it');
  hl7
    .command('send')
    .description('send a message (an ORU^R01) to the laboratory and print its ACK')
    .argument('<file>', 'the message, one segment per line')
    .option('--host <host>', 'the listener’s host (HCMS_MLLP_HOST)')
    .option('--port <port>', 'the listener’s port (HCMS_MLLP_PORT)')
    .action(async (file: string, options: { host?: string; port?: string }) => {
      const { laboratory } = loadConfig();
      const text = (await readFile(file, 'utf8'))
        .trim()
        .split(/\r?\n|\r/)
        .join('\r');
      const client = new Hl7Client({ host: options.host ?? laboratory.mllpHost, port: Number(options.port ?? laboratory.mllpPort) });
      try {
        // The library's own timeout is never cleared and would hold the process up: a timer of ours instead.
        let timer: NodeJS.Timeout | undefined;
        const ack = await Promise.race([
          client.sendAndWait(Hl7Message.parse(text)),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no acknowledgement within 10 s')), 10_000))),
        ]).finally(() => clearTimeout(timer));
        process.stdout.write(`${ack.toString().split('\r').join('\n')}\n`);
        const code = ack.getSegment('MSA')?.getField(1)?.toString();
        if (code !== 'AA') process.exitCode = 1;
      } finally {
        await client.close();
      }
    });
  return hl7;
};
