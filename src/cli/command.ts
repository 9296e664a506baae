export interface Command {
  name: string;
  summary: string;
  usage: string;
  help: string;
  /** Returns an exit code, or undefined to keep running (serve). */
  run(args: string[]): Promise<number | undefined>;
}
