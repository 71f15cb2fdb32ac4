/**
 * The benchmark reads the content script's timing marks, which only a measurement build makes
 * (`MARKS=1 npm run build`; the plain build and the store packages leave them out).
 */
import { resolve } from 'node:path';
import { readBuildInfo } from '../scripts/build';
import { ROOT } from '../scripts/lib/dataset';

export function requireMeasurementBuild(distRoot = resolve(ROOT, 'dist')): void {
  if (readBuildInfo(distRoot)?.marks) return;
  throw new Error(
    `${distRoot} is not a measurement build (the benchmark reads its timing marks): run  MARKS=1 npm run build  first`,
  );
}
