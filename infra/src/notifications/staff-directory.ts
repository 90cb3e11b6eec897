import { readFile } from 'node:fs/promises';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Channel, type StaffContact, type StaffDirectory } from '@hcms/notifications';
import { decode } from '@hcms/shared-kernel';

const Contact = t.partial({ name: t.string, email: t.string, phone: t.string, preferred: Channel });
const DirectoryFile = t.partial({ staff: t.record(t.string, Contact), onCall: Contact });
type DirectoryFile = t.TypeOf<typeof DirectoryFile>;

const addresses = (entry: t.TypeOf<typeof Contact> | undefined): StaffContact | undefined => {
  if (!entry) return undefined;
  const { name: _name, ...contact } = entry;
  return contact;
};

/**
 * How to reach staff, from a JSON file kept by whoever keeps the rota:
 * `{ "staff": { "<staffId>": { "name"?, "email"?, "phone"?, "preferred"? } }, "onCall": { … } }`.
 * Read at every lookup, so an edited rota counts from the next round without a restart. No file
 * means nobody is known: staff messages then fail and are listed for operators. A file that is not
 * valid is an error, which fails the attempt it was read for (and only that one).
 */
export const jsonStaffDirectory = (path: string): StaffDirectory => {
  const read = async (): Promise<DirectoryFile> => {
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error('the staff directory is not valid JSON');
    }
    const decoded = decode(DirectoryFile, json, 'staff directory');
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    return decoded.right;
  };
  return {
    contactOf: async (staffId) => {
      const { staff = {} } = await read();
      return Object.hasOwn(staff, staffId) ? addresses(staff[staffId]) : undefined;
    },
    onCall: async () => addresses((await read()).onCall),
  };
};
