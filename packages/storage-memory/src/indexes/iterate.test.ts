import { describe, expect, it } from 'vitest';
import { filterRows, mergeSorted, takeWhile } from './iterate.js';

const ascending = (a: number, b: number) => a - b;

describe('mergeSorted', () => {
  it('merges sorted sources into one sorted stream', () => {
    expect([...mergeSorted([[1, 4, 9], [2, 3, 10], [], [5]], ascending)]).toEqual([1, 2, 3, 4, 5, 9, 10]);
  });

  it('yields nothing for no sources, and passes a single source through', () => {
    expect([...mergeSorted([], ascending)]).toEqual([]);
    expect([...mergeSorted([[3, 2, 1]], ascending)]).toEqual([3, 2, 1]);
  });

  it('is lazy: pulls only what the consumer takes', () => {
    let pulled = 0;
    function* counting(values: number[]) {
      for (const value of values) {
        pulled++;
        yield value;
      }
    }
    const merged = mergeSorted([counting([1, 3, 5, 7]), counting([2, 4, 6, 8])], ascending);
    expect(merged.next().value).toBe(1);
    expect(pulled).toBe(2); // one head per source
  });
});

describe('filterRows and takeWhile', () => {
  it('filter keeps matches; takeWhile stops at the first miss', () => {
    expect([...filterRows([1, 2, 3, 4], (n) => n % 2 === 0)]).toEqual([2, 4]);
    expect([...takeWhile([1, 2, 5, 1], (n) => n < 3)]).toEqual([1, 2]);
  });
});
