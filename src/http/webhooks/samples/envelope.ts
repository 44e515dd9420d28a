import { at, type SampleContext } from './time.js';

/** The envelope of a seed 002 or member sample: `ctx.id(1)` is always the event's id, recorded at `now`. */
export const envelopeHead = <T extends string>(ctx: SampleContext, type: T) => ({
  id: ctx.id(1),
  type,
  created_at: at(ctx),
});
