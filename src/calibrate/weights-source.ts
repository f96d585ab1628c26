// Which weights `firstwall calibrate` measures: the trained weights shipped beside the default
// calibration when the config's shape is theirs, a weights manifest named with --weights, or the
// config's seeded random weights (--weights seeded, or any shape the shipped weights do not fit).
// Invariant: the WeightsInfo returned names exactly the weights returned (file and SHA-256).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { UsageError } from '../io/errors.ts';
import type { MicroConfig } from '../moe/config.ts';
import { manifestPathFor, readManifest, readWeights } from '../moe/train/weights-file.ts';
import { initWeights, type ModelWeights } from '../moe/weights.ts';
import type { WeightsInfo } from './calibration.ts';

export const SHIPPED_WEIGHTS_URL = new URL(
  '../../scenarios/calibrations/micro-moe-default.weights.json',
  import.meta.url,
);
/** How the calibration names the shipped weights (repository-relative, the same on every machine). */
export const SHIPPED_WEIGHTS_NAME = 'scenarios/calibrations/micro-moe-default.weights.json';

const sameShape = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

function load(path: string, name: string, c: MicroConfig): { weights: ModelWeights; info: WeightsInfo } {
  const { manifest, weights } = readWeights(path, (m) => {
    // checked before the binary is decoded: decoding allocates the manifest's shape
    if (!sameShape(m.shape, c.shape))
      throw new UsageError(`${name}: the weights' shape ${JSON.stringify(m.shape)} is not the config's`);
  });
  const p = manifest.provenance as { method?: string; steps?: number; final_loss?: { val_ce?: number } };
  return {
    weights,
    info: {
      source: 'trained',
      file: name,
      sha256: manifest.sha256,
      method: p.method,
      steps: p.steps,
      val_ce: p.final_loss?.val_ce,
    },
  };
}

/** `arg`: undefined (shipped if it fits, else seeded), 'seeded', or a weights manifest (.json) or binary (.bin). */
export function chooseWeights(
  c: MicroConfig,
  arg: string | undefined,
  cwd: string,
): { weights: ModelWeights; info: WeightsInfo } {
  const seeded = { weights: initWeights(c.shape, c.seed), info: { source: 'seeded' } as WeightsInfo };
  if (arg === 'seeded') return seeded;
  if (arg !== undefined) {
    const path = resolve(cwd, arg.endsWith('.bin') ? manifestPathFor(arg) : arg);
    if (!existsSync(path)) throw new UsageError(`--weights: no weights manifest at ${path}`);
    return load(path, arg, c);
  }
  const shipped = fileURLToPath(SHIPPED_WEIGHTS_URL);
  if (!existsSync(shipped)) return seeded;
  const manifest = readManifest(shipped);
  return sameShape(manifest.shape, c.shape) ? load(shipped, SHIPPED_WEIGHTS_NAME, c) : seeded;
}
