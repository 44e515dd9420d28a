/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * A row and its large bytes, written in one transaction with the bytes cut into chunks of `chunkSize`: `claim`
 * inserts the row, and only when it did (one row inserted, not found there already) is `chunk` run once per chunk,
 * with the chunk's number and bytes as its last two parameters; `then` runs last, in any case.
 */
export interface ChunkedWrite {
  readonly claim: Statement;
  readonly chunk: Statement;
  readonly then: Statement;
  readonly chunkSize: number;
}
