/** A problem with what the user gave us (files, flags): exit code 2, message only (no stack). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** One located problem in an input file, printed as `FILE:LINE:COL: message` (1-based). */
export interface Located {
  line: number;
  column: number;
  message: string;
}

/** Several located problems in one file; the message lists each on its own line. */
export class FileInputError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: Located[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'FileInputError';
  }
}
