/**
 * A command's options, defined once: the same table gives util.parseArgs what
 * to accept and gives the command's --help its lines, so the help lists
 * exactly the options the command takes (and the notes that go with them).
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The option's lines in the command's help (the first starts with the flag; notes follow on it). */
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

/** What util.parseArgs accepts for the table: its options, plus --help / -h. */
export function parserOptions(
  table: OptionTable,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, { type, multiple }] of Object.entries(table))
    options[name] = multiple ? { type, multiple } : { type };
  options.help = { type: 'boolean', short: 'h' };
  return options;
}

/** The help's argument and option lines, two spaces in: positionals first, then each option in table order. */
export function optionLines(table: OptionTable, positionals: readonly string[] = []): string {
  return [...positionals, ...Object.values(table).map((o) => o.help)].map((l) => `  ${l}`).join('\n');
}
