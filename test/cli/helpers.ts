// Runs CLI commands in-process and captures what they print.
import type { CommandIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';

/** Node arguments that run the CLI from the sources (tsx), for tests that need a real process. */
export const CLI_FROM_SOURCE = ['--import', 'tsx', 'src/cli/main.ts'];

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: process.cwd(),
    env,
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
