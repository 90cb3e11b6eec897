import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { tempDir } from '../testing/fixtures.js';
import { jsonStaffDirectory } from './staff-directory.js';

describe('The staff directory file', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const file = join(dir.path, 'staff.json');
  const directory = jsonStaffDirectory(file);

  it('knows nobody while there is no file', async () => {
    expect(await directory.contactOf('c1')).to.equal(undefined);
    expect(await directory.onCall()).to.equal(undefined);
  });

  it('answers from the file as it is now, so a new rota counts without a restart', async () => {
    writeFileSync(file, JSON.stringify({ staff: { c1: { name: 'Dr C', email: 'c1@hospital.example' } }, onCall: { phone: '+44 1' } }));
    expect(await directory.contactOf('c1')).to.deep.equal({ email: 'c1@hospital.example' });
    expect(await directory.onCall()).to.deep.equal({ phone: '+44 1' });
    writeFileSync(file, JSON.stringify({ staff: {}, onCall: { phone: '+44 2', preferred: 'sms' } }));
    expect(await directory.contactOf('c1')).to.equal(undefined);
    expect(await directory.onCall()).to.deep.equal({ phone: '+44 2', preferred: 'sms' });
  });

  it('knows only the staff it lists', async () => {
    writeFileSync(file, JSON.stringify({ staff: {} }));
    expect(await directory.contactOf('constructor')).to.equal(undefined);
  });

  it('refuses a file that is not a directory, saying where without repeating what it holds', async () => {
    writeFileSync(file, JSON.stringify({ staff: { c1: { email: 'c1@hospital.example', preferred: 'pager' } } }));
    const refused = await directory.contactOf('c1').then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).to.match(/staff\.c1\.preferred/);
    expect(refused).not.to.include('c1@hospital.example');
    writeFileSync(file, '{ not json');
    await directory.onCall().then(
      () => expect.fail('read an invalid file'),
      (error: Error) => expect(error.message).to.equal('the staff directory is not valid JSON'),
    );
  });
});
