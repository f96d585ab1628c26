// The canonicalizer behind step-plan's shared models and clusters: equal values become one object
// (so identity-keyed caches hit), different values never do, and the table empties at its cap.
// sameValue itself is tested in step-plan.test.ts.
import { describe, expect, it } from 'vitest';
import { canonicalizer, sameValue } from '../../src/datacenter/canonical.ts';

describe('canonicalizer', () => {
  it('keyed by the whole value: equal text is one object, the first one kept', () => {
    const canon = canonicalizer(8, (o: { a: number }) => JSON.stringify(o));
    const first = { a: 1 };
    expect(canon(first)).toBe(first);
    expect(canon({ a: 1 })).toBe(first);
    const other = { a: 2 };
    expect(canon(other)).toBe(other);
  });

  it('a cheap key with an equality tells apart different values under one key', () => {
    const canon = canonicalizer(8, (o: { name: string; x: number }) => o.name, sameValue);
    const a = { name: 'h100', x: 1 },
      b = { name: 'h100', x: 2 };
    expect(canon(a)).toBe(a);
    expect(canon(b)).toBe(b); // same name, another value: its own object
    expect(canon({ name: 'h100', x: 2 })).toBe(b);
    expect(canon({ name: 'h100', x: 1 })).toBe(a);
  });

  it('past its cap the table empties: a value seen before then gets the new object', () => {
    const canon = canonicalizer(2, (o: { a: number }) => String(o.a));
    const one = { a: 1 };
    canon(one);
    canon({ a: 2 });
    expect(canon({ a: 1 })).toBe(one); // still kept: 2 objects, at the cap but not past it
    const three = { a: 3 };
    expect(canon(three)).toBe(three); // third distinct value: the table is emptied first
    const oneAgain = { a: 1 };
    expect(canon(oneAgain)).toBe(oneAgain);
    expect(canon({ a: 3 })).toBe(three);
  });
});
