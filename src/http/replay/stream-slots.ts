/**
 * How many NDJSON replays each program holds open at once in this process. A request-count limit does not bound a
 * stream that lasts for hours (`follow=true`): without this, one program could hold every connection and database
 * read of the API. With several API processes the bound is per process.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perProgram: number) {}

  /** A release to call once the stream ends, or undefined when the program already holds all its slots. */
  take(programId: string): (() => void) | undefined {
    const held = this.open.get(programId) ?? 0;
    if (held >= this.perProgram) return undefined;
    this.open.set(programId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(programId) ?? 1) - 1;
      if (left === 0) this.open.delete(programId);
      else this.open.set(programId, left);
    };
  }
}
