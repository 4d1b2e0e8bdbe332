/** Placeholder: the enforcement commands are being written. */
export const ENFORCEMENT_COMMANDS: readonly string[] = [];

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

export async function runEnforcementCommand(name: string, _argv: string[], io: CommandIO): Promise<number> {
  io.stderr(`graph-cloudflare: ${name} is not available yet\n`);
  return 2;
}
