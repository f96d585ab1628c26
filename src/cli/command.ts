// What a CLI command is: a name, a one-line summary, a usage text, and a run function that
// returns the process exit code. Commands print results to stdout and diagnostics to stderr.

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Working directory that relative paths resolve against. */
  cwd: string;
  /** Environment (only what commands read: e.g. JOB_COMPLETION_INDEX, NO_COLOR). */
  env: Record<string, string | undefined>;
  /** True when stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;
