import { describe, expect, it } from 'vitest';
import { SharedData } from '../../src/infra/shared-data.js';

describe('shared data', () => {
  it('loads once and keeps the value until one of its tags is invalidated', async () => {
    const shared = new SharedData();
    let loads = 0;
    const load = async () => `value ${++loads}`;
    expect(await shared.get('k', ['authors'], load)).toBe('value 1');
    expect(await shared.get('k', ['authors'], load)).toBe('value 1');
    shared.invalidate(['topics']);
    expect(await shared.get('k', ['authors'], load)).toBe('value 1');
    shared.invalidate(['authors']);
    expect(await shared.get('k', ['authors'], load)).toBe('value 2');
    shared.invalidate(['*']);
    expect(await shared.get('k', ['authors'], load)).toBe('value 3');
  });

  it('takes tags known only after loading', async () => {
    const shared = new SharedData();
    let loads = 0;
    const load = async () => ({ value: ++loads, tags: [`author:${loads}`] });
    expect(await shared.getTagged('frame', load)).toBe(1);
    shared.invalidate(['author:2']);
    expect(await shared.getTagged('frame', load)).toBe(1);
    shared.invalidate(['author:1']);
    expect(await shared.getTagged('frame', load)).toBe(2);
  });

  it('shares one load between concurrent readers', async () => {
    const shared = new SharedData();
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 5));
    const values = await Promise.all([1, 2, 3].map(() => shared.get('k', ['t'], load)));
    expect(values).toEqual([1, 1, 1]);
  });

  it('does not keep a value whose load overlapped an invalidation', async () => {
    const shared = new SharedData();
    let release: (v: string) => void = () => {};
    const slow = new Promise<string>((resolve) => {
      release = resolve;
    });
    const pending = shared.get('k', ['authors'], () => slow);
    // A write lands while the old state is being read.
    shared.invalidate(['authors']);
    release('read before the write');
    expect(await pending).toBe('read before the write');
    expect(await shared.get('k', ['authors'], async () => 'read after the write')).toBe(
      'read after the write',
    );
  });

  it('forgets a failed load, so the next reader tries again', async () => {
    const shared = new SharedData();
    await expect(
      shared.get('k', ['t'], async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(await shared.get('k', ['t'], async () => 'back')).toBe('back');
  });

  it('stays within its bound, dropping the least recently used', async () => {
    const shared = new SharedData(3);
    for (const key of ['a', 'b', 'c']) await shared.get(key, ['t'], async () => key);
    await shared.get('a', ['t'], async () => 'a again'); // a is now the most recent
    await shared.get('d', ['t'], async () => 'd');
    expect(shared.size).toBe(3);
    expect(await shared.get('a', ['t'], async () => 'reloaded')).toBe('a');
    expect(await shared.get('b', ['t'], async () => 'reloaded')).toBe('reloaded');
  });
});
