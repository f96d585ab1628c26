// The result of one run: what `firstwall run --json` prints and `runScenario` returns. Reports,
// sweeps and comparisons read only this. schemas/result.schema.json is its one definition: the
// types come from it (src/result/types.gen.ts, `npm run gen:types`); this file only names them.
// Invariant: every number is finite (no NaN/Infinity); tests validate real results against it.
import type { Buildout, FirstwallRunResult } from './types.gen.ts';

export type {
  Achievable,
  ActiveConstraint,
  Buildout,
  EventRecord,
  FirstWall,
  GridLimit,
  PurchaseLimit,
  SiteStep,
  StepPlan as StepPlanRecord,
  StepQuantities,
  StepResult,
  StepRouting,
  VerdictCertainty,
  WallAssessment,
  WallCrossing,
  WorkloadFamily,
  WorkloadRouter,
} from './types.gen.ts';

export type RunResult = FirstwallRunResult;

export type BuildoutKind = Buildout['kind'];
