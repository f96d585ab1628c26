// CLI entry: `firstwall <command> [args]`. Dispatches to src/cli/<command>.ts, maps user errors to
// exit code 2 and internal errors to 1, and never prints a stack trace for the user's mistakes.
import type { CommandIO } from './command.ts';
import { EXIT } from './command.ts';
import { commands, type CommandEntry } from './commands.ts';
import { InputError, OutputError, UsageError, isUserError } from '../io/errors.ts';

import { firstwallVersion as version } from '../io/version.ts';

function topUsage(list: CommandEntry[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'Usage: firstwall <command> [options]',
    '',
    'Which wall binds first as frontier AI scales: compute, memory, network, power, cooling, data (algorithms shown beside).',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: firstwall <command> --help)',
    '  -v, --version  print the firstwall version',
    '',
    'Exit codes: 0 ok, 1 internal error, 2 bad input (flags or scenario).',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout(topUsage(commands) + '\n');
    return first === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(version() + '\n');
    return EXIT.ok;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    io.stderr(`firstwall: unknown command "${first}"\n\n${topUsage(commands)}\n`);
    return EXIT.badInput;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.trimEnd() + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isUserError(e)) {
      const text = e instanceof InputError ? e.problems.join('\n') : `firstwall ${command.name}: ${e.message}`;
      io.stderr(text + '\n');
      if (e instanceof UsageError && !(e instanceof OutputError)) io.stderr(`\n${command.usage.trimEnd()}\n`);
      return EXIT.badInput;
    }
    io.stderr(`firstwall ${command.name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

export function processIO(): CommandIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

// `tsx src/cli/main.ts` and `node dist/cli/main.js` run the CLI; bin/firstwall.mjs calls main() itself.
const invokedDirectly = process.argv[1] !== undefined && /[/\\]cli[/\\]main\.[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`firstwall: internal error: ${(e as Error)?.stack ?? e}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
