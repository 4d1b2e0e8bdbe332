import { FileInputError, Located } from '../util/errors';
import { CsvField, parseCsv } from '../util/csv';

export type RosterStatus = 'active' | 'terminated';

export interface RosterEntry {
  email: string;
  name?: string;
  status: RosterStatus;
  role?: string;
  department?: string;
  /** Line of the entry in the roster file. */
  line: number;
}

export interface Roster {
  file: string;
  /** By lower-cased email. */
  entries: Map<string, RosterEntry>;
}

const COLUMNS = ['email', 'name', 'status', 'role', 'department'] as const;
type Column = (typeof COLUMNS)[number];

/** Loose on purpose: it catches a name or an id pasted into the email column, not every RFC 5321 detail. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Reads a roster: CSV with a header row; `email` required, `name`, `status`
 * (active | terminated, default active), `role` and `department` optional,
 * other columns ignored. Every problem is reported with its line and column.
 */
export function parseRoster(text: string, file: string): Roster {
  const records = parseCsv(text, file);
  if (records.length === 0) {
    throw new FileInputError(file, [
      { line: 1, column: 1, message: 'the roster is empty: it needs a header row with an "email" column' },
    ]);
  }
  const [header, ...rows] = records;
  const index = new Map<Column, number>();
  const problems: Located[] = [];
  header.fields.forEach((field, position) => {
    const name = field.value.trim().toLowerCase() as Column;
    if (!(COLUMNS as readonly string[]).includes(name)) return;
    if (index.has(name)) {
      problems.push({ line: field.line, column: field.column, message: `the header names the "${name}" column twice` });
    } else index.set(name, position);
  });
  if (!index.has('email')) {
    const names = header.fields.map((f) => f.value.trim()).filter((n) => n !== '');
    problems.push({
      line: header.line,
      column: 1,
      message: `the header has no "email" column (it has: ${names.length > 0 ? names.join(', ') : 'nothing'})`,
    });
  }
  if (problems.length > 0) throw new FileInputError(file, problems);

  const entries = new Map<string, RosterEntry>();
  const optional = (fields: CsvField[], column: Column) => {
    const position = index.get(column);
    const value = position === undefined ? '' : fields[position].value.trim();
    return value === '' ? undefined : value;
  };
  for (const row of rows) {
    if (row.fields.length !== header.fields.length) {
      problems.push({
        line: row.line,
        column: 1,
        message: `this row has ${row.fields.length} fields, the header has ${header.fields.length}`,
      });
      continue;
    }
    // No roster value holds a line break: a known column that does is an
    // unclosed quote that swallowed the rows after it.
    const runaway = [...index.values()].map((p) => row.fields[p]).find((f) => /[\r\n]/.test(f.value));
    if (runaway) {
      const lines = runaway.value.split(/\r\n|\r|\n/).length;
      problems.push({
        line: runaway.line,
        column: runaway.column,
        message: `unterminated quoted field: the quote opened here runs over ${lines} lines, to line ${runaway.line + lines - 1} (close the quote on this line)`,
      });
      continue;
    }
    const emailField = row.fields[index.get('email')!];
    const email = emailField.value.trim().toLowerCase();
    const at = { line: emailField.line, column: emailField.column };
    if (email === '') {
      problems.push({ ...at, message: 'email is empty' });
      continue;
    }
    if (!EMAIL.test(email)) {
      problems.push({ ...at, message: `${JSON.stringify(emailField.value.trim())} is not an email address` });
      continue;
    }
    let status: RosterStatus = 'active';
    const statusPosition = index.get('status');
    if (statusPosition !== undefined) {
      const field = row.fields[statusPosition];
      const value = field.value.trim().toLowerCase();
      if (value === 'terminated') status = 'terminated';
      else if (value !== 'active' && value !== '') {
        problems.push({
          line: field.line,
          column: field.column,
          message: `status must be "active" or "terminated", not ${JSON.stringify(field.value.trim())}`,
        });
        continue;
      }
    }
    const first = entries.get(email);
    if (first) {
      problems.push({ ...at, message: `duplicate email "${email}" (first listed on line ${first.line})` });
      continue;
    }
    entries.set(email, {
      email,
      name: optional(row.fields, 'name'),
      status,
      role: optional(row.fields, 'role'),
      department: optional(row.fields, 'department'),
      line: row.line,
    });
  }
  if (problems.length > 0) throw new FileInputError(file, problems);
  return { file, entries };
}
