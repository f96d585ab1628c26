// Every user-visible message about a distribution written in a scenario, in one place so tests
// assert exact texts. Pointers read `/pointer`; the loader adds `file:line:col: `.

export const distMsg = {
  p90NotAboveMedian: (ptr: string, median: number, p90: number) =>
    `${ptr}/p90 (${p90}) must be above /median (${median})`,
  minAboveMax: (ptr: string, min: number, max: number) => `${ptr}/min (${min}) must not be above /max (${max})`,
  triangularFlat: (ptr: string, v: number) => `${ptr} triangular needs min < max (both are ${v})`,
  modeOutside: (ptr: string, min: number, mode: number, max: number) =>
    `${ptr}/mode (${mode}) must lie within [min, max] = [${min}, ${max}]`,
  meanOutside: (ptr: string, mean: number, lo: number, hi: number) =>
    `${ptr}/mean (${mean}) must lie within the truncation bounds [${lo}, ${hi}]`,
  weightsLength: (ptr: string, n: number, m: number) => `${ptr}/weights has ${m} entries; /choice has ${n}`,
  weightsSum: (ptr: string) => `${ptr}/weights must sum to a positive number`,
} as const;
