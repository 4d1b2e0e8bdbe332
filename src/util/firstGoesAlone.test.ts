import { firstGoesAlone } from './firstGoesAlone';

test('the first call per key runs alone; later ones start only after it settled, even when it failed', async () => {
  const firsts = new Map<string, Promise<unknown>>();
  const events: string[] = [];
  let release!: () => void;
  const first = firstGoesAlone(firsts, 'a', async () => {
    events.push('a1 start');
    await new Promise<void>((resolve) => (release = resolve));
    events.push('a1 end');
    throw new Error('403');
  });
  const second = firstGoesAlone(firsts, 'a', async () => events.push('a2'));
  const otherKey = firstGoesAlone(firsts, 'b', async () => events.push('b1'));
  await otherKey;
  expect(events).toEqual(['a1 start', 'b1']);
  release();
  await expect(first).rejects.toThrow('403');
  await second;
  expect(events).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
});
