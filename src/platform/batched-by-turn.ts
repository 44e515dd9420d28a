/**
 * Calls made within one turn of the event loop, run as one batch: many
 * concurrent jobs each asking for one row cost the database one statement per
 * turn instead of one each. `run` answers the inputs' outputs in their order;
 * when it fails, every call of the batch fails with its error.
 */
export function batchedByTurn<I, O>(run: (inputs: readonly I[]) => Promise<readonly O[]>): (input: I) => Promise<O> {
  type Call = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void };
  let batch: Call[] | undefined;
  const flush = (calls: Call[]): void => {
    run(calls.map((c) => c.input)).then(
      (outputs) => calls.forEach((c, i) => c.resolve(outputs[i]!)),
      (error: unknown) => calls.forEach((c) => c.reject(error)),
    );
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      if (!batch) {
        const calls: Call[] = [];
        batch = calls;
        setImmediate(() => {
          batch = undefined;
          flush(calls);
        });
      }
      batch.push({ input, resolve, reject });
    });
}
