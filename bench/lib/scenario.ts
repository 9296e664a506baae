// What a bench scenario is. Add one as bench/scenarios/<name>.ts and list it in
// bench/scenarios/index.ts; `npm run bench -- --only=<name>` runs just that one.
import type { Figure, ThroughputRow } from './report.js';

export interface BenchContext {
  /** Seconds per load run (default 10; `--duration=N`). */
  duration: number;
  /** Concurrent connections per load run (default 50). */
  connections: number;
  /**
   * Load runs per measurement (default 3; `--rounds=N`): the median run is reported, so a
   * moment of other work on a shared machine does not decide the figure.
   */
  rounds: number;
  /** A scratch directory for this bench run, removed at the end. */
  workDir: string;
  log(message: string): void;
}

export interface ScenarioResult {
  rows: ThroughputRow[];
  figures?: Figure[];
  notes?: string[];
}

export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}
