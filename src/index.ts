// firstwall as a library: load a scenario, run it, read the result. The CLI is a thin layer over these.
export { loadScenario, type LoadedScenario, type Scenario } from './scenario/load.ts';
export { runScenario, type RunOptions } from './model/run.ts';
export { loadAndRun } from './model/load-and-run.ts';
export { verdict } from './model/verdict.ts';
export { WALLS, WALL_COLORS, isWall, type Wall } from './walls/registry.ts';
export type { RunResult, StepResult, WallAssessment, Buildout, EventRecord, WallCrossing } from './result/types.ts';
export type { WorkloadProfile, WorkloadPoint, RouterFactors, Placement } from './workload/profile.ts';
export type { ModelShape } from './moe/shape.ts';
export { analyticProfile } from './workload/analytic.ts';
export { InputError, UsageError } from './io/errors.ts';
export * from './workload/step/index.ts';
