// Errors that are the user's to fix (bad flags, bad scenario). The CLI prints them without a
// stack trace and exits with EXIT.badInput; anything else is an internal error (EXIT.internal).

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A path the user named cannot be written (permission, a file in the way, a symlink): exit 2, no usage text. */
export class OutputError extends UsageError {
  override name = 'OutputError';
}

/** One or more problems in user input, each already formatted as `file:line:col: message`. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function isUserError(e: unknown): e is UsageError | InputError {
  return e instanceof UsageError || e instanceof InputError;
}
