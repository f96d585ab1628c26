// The firstwall version, from package.json (provenance in every result).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function firstwallVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
  return cached;
}
