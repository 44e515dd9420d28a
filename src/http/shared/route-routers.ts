import type { Router } from 'express';

/** A context's routers: each of its route factories given the same deps, mounted in the order listed. */
export const routersOf =
  <Deps>(...routes: ReadonlyArray<(deps: Deps) => Router>) =>
  (deps: Deps): Router[] =>
    routes.map((route) => route(deps));
