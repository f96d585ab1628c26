// Result shapes the cost and inference-siting post-processing adds to each step (optional fields of
// StepResult). Defined in schemas/result.schema.json; generated into src/result/types.gen.ts.
export type { CostBreakdown, InferenceStep, InferenceUsersStep, RunCost, StepCost } from './types.gen.ts';
