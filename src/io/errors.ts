// Errors that are the user's to fix (bad flags, bad scenario). The CLI prints them without a
// stack trace and exits with EXIT.badInput; anything else is an internal error (EXIT.internal).

export class UsageError extends Error {
  override name = 'UsageError';
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
