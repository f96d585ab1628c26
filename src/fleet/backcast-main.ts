// Prints the fleet back-cast of a scenario (default scenarios/fleet-world-2035.yaml): the model's
// data-centre electricity against every published estimate of a past year, and the 2024 regional
// split against the IEA's. Usage: npx tsx src/fleet/backcast-main.ts [scenario.yaml]
// Runs only when invoked directly; importing it does nothing.
import { loadScenario } from '../scenario/load.ts';
import { backcastRows, formatBackcast, splitRows } from './backcast.ts';
import { normalizeFleetSpec } from './params.ts';
import { fleetResult } from './world.ts';

export function backcastText(file: string): string {
  const { scenario } = loadScenario(file);
  if (!scenario.fleet) return `${file}: no fleet section\n`;
  const spec = normalizeFleetSpec(scenario.fleet, scenario.horizon);
  const result = fleetResult(spec);
  const rows = [...backcastRows(result), ...splitRows(result)];
  return `Fleet back-cast of ${file} (${spec.name}, ${spec.from_year}-${spec.to_year}); all data centres\n${formatBackcast(rows)}\n`;
}

if (process.argv[1] !== undefined && /backcast-main\.ts$/.test(process.argv[1])) {
  process.stdout.write(backcastText(process.argv[2] ?? 'scenarios/fleet-world-2035.yaml'));
}
