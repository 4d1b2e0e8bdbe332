import { FileInputError } from './errors';

// ---------------------------------------------------------------------------
// Writing (RFC 4180)
// ---------------------------------------------------------------------------

/**
 * Spreadsheets run a cell that starts with one of these as a formula (CSV
 * injection): such a cell gets a leading apostrophe, which they show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header plus rows, CRLF line ends as RFC 4180 has them. */
export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------
// Reading (RFC 4180, with LF or CRLF line ends)
// ---------------------------------------------------------------------------

export interface CsvField {
  value: string;
  /** 1-based line and column where the field starts. */
  line: number;
  column: number;
}

export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/**
 * Parses CSV text into records of located fields. Quoted fields may hold
 * commas, doubled quotes and line breaks. Entirely empty lines are skipped.
 * Throws FileInputError naming `file`, line and column on malformed input.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let column = 1;
  let fields: CsvField[] = [];
  let recordLine = 1;

  const fail = (atLine: number, atColumn: number, message: string): never => {
    throw new FileInputError(file, [{ line: atLine, column: atColumn, message }]);
  };
  const isLineEnd = (ch: string | undefined) => ch === '\n' || ch === '\r';
  /** Consumes one line end (CRLF, LF or CR) at i. */
  const newline = () => {
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i += 1;
    line += 1;
    column = 1;
  };
  const endRecord = () => {
    const blank = fields.length === 1 && fields[0].value === '';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };

  if (i >= text.length) return records;
  for (;;) {
    // At the start of a field.
    const start = { line, column };
    if (fields.length === 0) recordLine = line;
    let value = '';
    if (text[i] === '"') {
      i += 1;
      column += 1;
      for (;;) {
        if (i >= text.length) {
          fail(start.line, start.column, 'unterminated quoted field: the quote opened here is never closed');
        }
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            column += 2;
            continue;
          }
          i += 1;
          column += 1;
          break;
        }
        if (isLineEnd(ch)) {
          value += ch === '\r' && text[i + 1] === '\n' ? '\r\n' : ch;
          newline();
          continue;
        }
        value += ch;
        i += 1;
        column += 1;
      }
      const after = text[i];
      if (after !== undefined && after !== ',' && !isLineEnd(after)) {
        // A quote that "closes" lines later was most likely never closed where
        // it opened: the quote of a later field closed it. Point at the opening.
        if (line !== start.line) {
          fail(
            start.line,
            start.column,
            `unterminated quoted field: the quote opened here runs on to the quote at ${line}:${column - 1}, ` +
              `followed by ${JSON.stringify(after)} (close the quote on this line, and write a quote inside a field as "")`,
          );
        }
        fail(
          line,
          column,
          `unexpected ${JSON.stringify(after)} after the closing quote of a field (a field's quotes must enclose all of it)`,
        );
      }
    } else {
      while (i < text.length && text[i] !== ',' && !isLineEnd(text[i])) {
        if (text[i] === '"') {
          fail(
            line,
            column,
            'unexpected quote in an unquoted field (quote the whole field, and write a quote inside it as "")',
          );
        }
        value += text[i];
        i += 1;
        column += 1;
      }
    }
    fields.push({ value, line: start.line, column: start.column });
    if (i >= text.length) {
      endRecord();
      return records;
    }
    if (text[i] === ',') {
      i += 1;
      column += 1;
      continue;
    }
    newline();
    endRecord();
    if (i >= text.length) return records;
  }
}
