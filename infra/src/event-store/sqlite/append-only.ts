/**
 * Triggers that refuse every UPDATE and DELETE of a table's rows: what was recorded stays as it
 * was, whoever holds a connection to the file.
 */
export const appendOnly = (table: string, what: string): string => `
  CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${what} is append-only: ${table} rows are never updated'); END;
  CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${what} is append-only: ${table} rows are never deleted'); END;`;
