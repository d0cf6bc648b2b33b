import btreeModule from 'sorted-btree';

/**
 * `sorted-btree` is CommonJS with `exports.default = BTree`. Bundlers and the CJS build
 * unwrap that default, but Node's ESM loader hands us the whole `module.exports` object,
 * so the class sits one level down there. Resolving it once here keeps every caller simple.
 */
const moduleValue = btreeModule as unknown as { default?: typeof btreeModule };

/** The B+ tree class of `sorted-btree`, whichever module system loaded it. */
export const BTree: typeof btreeModule = moduleValue.default ?? btreeModule;

/** A `sorted-btree` tree. */
export type BTree<K, V> = btreeModule<K, V>;
