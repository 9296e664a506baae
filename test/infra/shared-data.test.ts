import { describe, expect, it } from 'vitest';
import { SharedData, sharedValue, withTags } from '../../src/infra/cache/shared-data.js';

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

  it('keeps a load that overlapped only writes to other things', async () => {
    const shared = new SharedData();
    let release: (v: string) => void = () => {};
    const slow = new Promise<string>((resolve) => {
      release = resolve;
    });
    const pending = shared.get('k', ['article:1'], () => slow);
    // Grades on another article keep coming in meanwhile.
    shared.invalidate(['article:2']);
    release('frame of 1');
    expect(await pending).toBe('frame of 1');
    expect(await shared.get('k', ['article:1'], async () => 'loaded again')).toBe('frame of 1');
  });

  it('never hands a reader who comes after a write what was read before it', async () => {
    const shared = new SharedData();
    let release: (v: string) => void = () => {};
    const before = shared.get(
      'k',
      ['article:1'],
      () =>
        new Promise<string>((resolve) => {
          release = resolve;
        }),
    );
    shared.invalidate(['article:1']);
    const after = shared.get('k', ['article:1'], async () => 'after the write');
    release('before the write');
    expect(await before).toBe('before the write');
    expect(await after).toBe('after the write');
    expect(await shared.get('k', ['article:1'], async () => 'again')).toBe('after the write');
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

  it('does not keep a value made from inputs read before a write to one of its tags', async () => {
    // The article shell is made from the frame it was handed: if the frame was read, then
    // a write to the article landed, the shell made afterwards from that frame is stale.
    const shared = new SharedData();
    const shell = sharedValue({
      name: 'shell',
      load: async (frame: string) => withTags(['article:1'], `shell around ${frame}`),
    });
    const since = shared.started();
    const frame = 'old frame';
    shared.invalidate(['article:1']);
    expect(await shell.getMadeSince(shared, since, frame)).toBe('shell around old frame');
    expect(await shell.get(shared, 'new frame')).toBe('shell around new frame');
    // Made from inputs read after the write: kept.
    expect(await shell.getMadeSince(shared, shared.started(), 'newer frame')).toBe(
      'shell around new frame',
    );
  });
});
