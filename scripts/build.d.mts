// Types of scripts/build.mjs, for the tests that call it.
export function build(options?: { srcDir?: string; distDir?: string }): Promise<{ files: number }>;
