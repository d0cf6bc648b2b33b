import { Journal } from '../src/journal.js';

/**
 * Units of work for testing a store on its own: `commit()` starts a fresh journal (what
 * was written stays), `rollback()` undoes everything since the last commit.
 */
export function units() {
  let current = new Journal();
  return {
    journal: () => current,
    commit: () => {
      current = new Journal();
    },
    rollback: () => current.rollback(),
  };
}
