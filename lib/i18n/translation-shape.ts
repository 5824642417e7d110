/** The French catalog must have exactly the English one's keys, with any strings. */
export type Translation<T> = {
  -readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};
