// The step model's public API (re-exported from src/index.ts): time one training step of a model
// on a cluster under a parallelism plan, search plans, write a step as a trace.
export {
  A100_SXM,
  B200_HGX,
  CLUSTER_PRESETS,
  GB200_NVL72,
  H100_SXM,
  H800_SXM,
  PRECISIONS,
  clusterFromFigures,
  clusterProblems,
  isPrecision,
  withGpus,
  type AcceleratorFigures,
  type Precision,
  type StepCluster,
} from './cluster.ts';
export {
  activeParameters,
  modelFlopsPerToken,
  modelProblems,
  totalParameters,
  type MlaShape,
  type StepModel,
} from './model.ts';
export { DEEPSEEK_V3, GPT_1T, LLAMA3_405B } from './models.ts';
export {
  ADAM_MIXED,
  DEFAULT_PLAN,
  RECOMPUTE,
  SCHEDULES,
  makePlan,
  microBatches,
  planProblems,
  type OptimizerBytes,
  type Plan,
  type Recompute,
  type Schedule,
} from './plan.ts';
export { formatPlanSpec, parsePlanSpec } from './plan-spec.ts';
export { closedFormA2a, flowA2a, type A2aInput, type A2aTime, type A2aTimer } from './ep.ts';
export {
  PlanError,
  evaluatePlan,
  stepProblems,
  stepTime,
  type StepBreakdown,
  type StepOptions,
  type StepResult,
} from './step-time.ts';
export type { MemoryBreakdown } from './memory.ts';
export { enumeratePlans, searchPlans, type RejectedPlan, type SearchOptions, type SearchResult } from './search.ts';
export { stepTrace, type StepTrace } from './trace.ts';
export { stepInputsFromParams, type StepInputs } from './from-params.ts';
