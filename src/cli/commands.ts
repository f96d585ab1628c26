// The command registry: one line per command; each command lives in its own file.
import type { Command } from './command.ts';

export const commands: Command[] = [
];
