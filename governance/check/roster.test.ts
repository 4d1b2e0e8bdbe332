import fs from 'fs';
import path from 'path';
import { parseRoster } from './roster';

function rosterError(text: string): string {
  try {
    parseRoster(text, 'people.csv');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseRoster', () => {
  test('reads email, name, status, role and department; lower-cases emails; ignores other columns', () => {
    const roster = parseRoster(
      'Department, EMAIL ,Name,status,role,manager\n' +
        'IT,Ada.Owner@Example.com,"Owner, Ada",active,IT Lead,\n' +
        'Finance,bob@example.com,,Terminated,,ada.owner@example.com\n' +
        ',carol@example.com,Carol,,,\n',
      'people.csv',
    );
    expect([...roster.entries.values()]).toEqual([
      {
        email: 'ada.owner@example.com',
        name: 'Owner, Ada',
        status: 'active',
        role: 'IT Lead',
        department: 'IT',
        line: 2,
      },
      {
        email: 'bob@example.com',
        name: undefined,
        status: 'terminated',
        role: undefined,
        department: 'Finance',
        line: 3,
      },
      { email: 'carol@example.com', name: 'Carol', status: 'active', role: undefined, department: undefined, line: 4 },
    ]);
  });

  test('only email is required', () => {
    expect([...parseRoster('email\nA@x.example\n', 'r.csv').entries.keys()]).toEqual(['a@x.example']);
  });

  test('no email column', () => {
    expect(rosterError('name,role\nAda,Admin\n')).toBe(
      'people.csv:1:1: the header has no "email" column (it has: name, role)',
    );
  });

  test('an empty file', () => {
    expect(rosterError('')).toBe('people.csv:1:1: the roster is empty: it needs a header row with an "email" column');
  });

  test('a column named twice', () => {
    expect(rosterError('email,name,Email\n')).toBe('people.csv:1:12: the header names the "email" column twice');
  });

  test('every bad row is reported at once, each with its line and column', () => {
    expect(
      rosterError(
        'email,name,status\n' +
          'a@x.example,Ann,active\n' +
          'b@x.example,Bob,left\n' +
          ',Nobody,active\n' +
          'Ann Smith,Ann,active\n' +
          'A@X.example,Ann again,active\n' +
          'c@x.example,Carol\n' +
          '"d@x.example","Dan",  Gone \n',
      ),
    ).toBe(
      [
        'people.csv:3:17: status must be "active" or "terminated", not "left"',
        'people.csv:4:1: email is empty',
        'people.csv:5:1: "Ann Smith" is not an email address',
        'people.csv:6:1: duplicate email "a@x.example" (first listed on line 2)',
        'people.csv:7:1: this row has 2 fields, the header has 3',
        'people.csv:8:21: status must be "active" or "terminated", not "Gone"',
      ].join('\n'),
    );
  });

  test('a CSV syntax error stops at its position', () => {
    expect(rosterError('email,name\na@x.example,"Ann\n')).toBe(
      'people.csv:2:13: unterminated quoted field: the quote opened here is never closed',
    );
  });

  test('the sample roster parses', () => {
    const file = path.join(__dirname, '..', 'examples', 'roster.csv');
    const roster = parseRoster(fs.readFileSync(file, 'utf8'), file);
    expect(roster.entries.size).toBe(74);
    expect([...roster.entries.values()].filter((e) => e.status === 'terminated').map((e) => e.email)).toEqual([
      'hiroshi.silva57@acme.example',
      'kai.khan@acme.example',
      'mateo.patel@acme.example',
      'alan.turing@acme.example',
    ]);
    expect(roster.entries.get('olivia.nguyen@acme.example')).toEqual({
      email: 'olivia.nguyen@acme.example',
      name: 'Nguyen, Olivia',
      status: 'active',
      role: 'IT Lead',
      department: 'IT',
      line: 2,
    });
  });
});

describe('an unclosed quote closed at the end of the file', () => {
  test('is reported where it opens (the swallowed rows would otherwise vanish silently)', () => {
    let message = '';
    try {
      parseRoster('email,name\na@x.example,"Smith, Ann\nb@x.example,Bob"\n', 'roster.csv');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      'roster.csv:2:13: unterminated quoted field: the quote opened here runs over 2 lines, to line 3 (close the quote on this line)',
    );
  });
});
