// Every user-visible message of the scenario loader, in one place, so tests assert exact texts.
// Each problem is printed as `file:line:col: message`.

export const MAX_SCENARIO_BYTES = 1024 * 1024; // 1 MiB: a scenario is a page of YAML, not a data set.
export const MAX_ALIASES = 50; // YAML anchors are rarely needed; this stops "billion laughs" expansion.
export const MAX_EXTENDS_DEPTH = 16;

export const msg = {
  notAMap: (loc: string) => `${loc}: a scenario must be a YAML mapping (key: value pairs) at the top level`,
  aliasBomb: (loc: string) =>
    `${loc}: too many YAML alias expansions (limit ${MAX_ALIASES}); this looks like an alias bomb`,
  unknownTag: (loc: string, tag: string) => `${loc}: unsupported YAML tag ${tag}; scenarios use plain YAML values`,
  nonFinite: (loc: string, pointer: string, raw: string) => `${loc}: ${pointer} must be a finite number (got ${raw})`,
  extendsCycle: (loc: string, chain: string[]) => `${loc}: extends cycle: ${chain.join(' -> ')}`,
  extendsTooDeep: (loc: string) => `${loc}: extends chain is deeper than ${MAX_EXTENDS_DEPTH} files`,
  extendsUnreadable: (loc: string, named: string, reason: string) =>
    `${loc}: /extends "${named}" cannot be read: ${reason}`,
  extendsNotString: (loc: string) => `${loc}: /extends must be a string path to a base scenario`,
  didYouMean: (name: string) => `; did you mean "${name}"?`,
} as const;
