import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function podium(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('the podium command', () => {
  it('lists its commands and explains each one', () => {
    const help = podium(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('serve');
    expect(help.stdout).toContain('migrate');
    const serveHelp = podium(['serve', '--help']);
    expect(serveHelp.status).toBe(0);
    expect(serveHelp.stdout).toContain('Usage: podium serve');
  });

  it('refuses an unknown command and a bad setting clearly', () => {
    const unknown = podium(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const bad = podium(['migrate'], { PORT: 'abc', SECRET: 'x'.repeat(40) });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('PORT: must be a number');
  });
});
