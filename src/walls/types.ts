// What a wall is: one resource, the largest run it permits on its own (every other resource ample),
// and what limited it. Each wall is one module exporting a WallDefinition; src/walls/registry.ts
// lists them. A wall reads only its own resource from WallInputs plus the workload's efficiency
// (a property of the workload on the hardware, never another resource's scarcity).
import type { WallAssessment } from '../result/types.ts';
import type { WallInputs } from './inputs.ts';

export interface WallDefinition {
  /** Stable id used in results, charts and CLI output (lowercase, one word). */
  id: string;
  /** Label for tables and charts. */
  label: string;
  /** Chart colour (Okabe-Ito palette for the shipped walls; Okabe & Ito 2008). */
  color: string;
  /** The resource the wall measures, in one line. */
  resource: string;
  /** Scenario inputs the permit reads (JSON pointers), for documentation and `explain`. */
  reads: readonly string[];
  permit(x: WallInputs): WallAssessment;
}
