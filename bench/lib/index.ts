// The bench's small API for scenarios: start servers, run load, report rows.
export { startCeiling } from './ceiling.js';
export { type LoadOptions, type LoadResult, runLoad } from './load.js';
export {
  type ChildServer,
  cpuMsOf,
  freePort,
  repoRoot,
  rssMbOf,
  startPodium,
  tempDataDir,
} from './podium-server.js';
export type { Figure, Report, ThroughputRow } from './report.js';
export type { BenchContext, Scenario, ScenarioResult } from './scenario.js';
