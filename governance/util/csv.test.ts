import { FileInputError } from './errors';
import { csvCell, parseCsv, toCsv } from './csv';

function parseError(text: string): string {
  try {
    parseCsv(text, 'roster.csv');
  } catch (err) {
    expect(err).toBeInstanceOf(FileInputError);
    return (err as Error).message;
  }
  throw new Error('expected a parse error');
}

const values = (text: string) => parseCsv(text, 'x.csv').map((r) => r.fields.map((f) => f.value));

describe('parseCsv', () => {
  test('plain, quoted, doubled quotes, commas and line breaks inside quotes, CRLF and LF', () => {
    const text = 'email,name\r\na@x.example,"Smith, Ann"\nb@x.example,"Say ""hi"""\r\nc@x.example,"two\r\nlines"\n';
    expect(values(text)).toEqual([
      ['email', 'name'],
      ['a@x.example', 'Smith, Ann'],
      ['b@x.example', 'Say "hi"'],
      ['c@x.example', 'two\r\nlines'],
    ]);
  });

  test('records carry the line and column where each field starts', () => {
    const records = parseCsv('a,b\n"x\ny",z\n\n,w', 'x.csv');
    expect(records).toEqual([
      {
        line: 1,
        fields: [
          { value: 'a', line: 1, column: 1 },
          { value: 'b', line: 1, column: 3 },
        ],
      },
      {
        line: 2,
        fields: [
          { value: 'x\ny', line: 2, column: 1 },
          { value: 'z', line: 3, column: 4 },
        ],
      },
      // Line 4 is empty and skipped; line 5 has an empty first field.
      {
        line: 5,
        fields: [
          { value: '', line: 5, column: 1 },
          { value: 'w', line: 5, column: 2 },
        ],
      },
    ]);
  });

  test('a byte order mark, a missing final line break and a lone CR', () => {
    expect(values('\ufeffemail\ra@x.example')).toEqual([['email'], ['a@x.example']]);
    expect(values('')).toEqual([]);
    expect(values('a,')).toEqual([['a', '']]);
  });

  test('an unterminated quote is reported where it opens', () => {
    expect(parseError('email,name\na@x.example,"Smith, Ann\nb@x.example,Bob\n')).toBe(
      'roster.csv:2:13: unterminated quoted field: the quote opened here is never closed',
    );
  });

  test('a quote inside an unquoted field', () => {
    expect(parseError('email,name\na@x.example,Ann "The Admin"\n')).toBe(
      'roster.csv:2:17: unexpected quote in an unquoted field (quote the whole field, and write a quote inside it as "")',
    );
  });

  test('text after a closing quote', () => {
    expect(parseError('email,name\n"a@x.example"x,Ann\n')).toBe(
      'roster.csv:2:14: unexpected "x" after the closing quote of a field (a field\'s quotes must enclose all of it)',
    );
  });
});

describe('CSV writing', () => {
  test('RFC 4180 quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
  });

  test('cells a spreadsheet would run as a formula get a leading apostrophe', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+31 20 123')).toBe("'+31 20 123");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe('"\'=HYPERLINK(""https://evil.example"",""x"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  test('what toCsv writes parses back to the same cells', () => {
    const rows = [
      ['x, y', 'say "hi"', 'two\r\nlines', ''],
      ['plain', 'ünïcødé', 'a;b', 'end'],
    ];
    const text = toCsv(['a', 'b', 'c', 'd'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(values(text)).toEqual([['a', 'b', 'c', 'd'], ...rows]);
  });
});

describe('an unclosed quote that a later quote closes', () => {
  test('is reported where it opens, not where it closes', () => {
    // Without the fix: "roster.csv:3:14: unexpected "B" after the closing quote".
    expect(parseError('email,name\na@x.example,"Smith, Ann\nb@x.example,"Bob"\n')).toBe(
      'roster.csv:2:13: unterminated quoted field: the quote opened here runs on to the quote at 3:13, followed by "B" (close the quote on this line, and write a quote inside a field as "")',
    );
  });
});
