import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { json, listJson, registry, resource, z } from '../openapi/registry.js';
import { API_KEY_SECURITY } from '../openapi/security.js';
import { PAGE_QUERY, uuid } from '../openapi/wire.js';
import { documentResource } from './openapi-resource.js';

/** A catalogue list's paths as `catalogueListRoutes` serves them (the categories), with their examples. */
export interface CatalogueListDocument {
  /** The collection's path, e.g. `/v1/cause-categories`. */
  readonly path: string;
  /** One of them and several, for the summaries: `cause category`, `cause categories`. */
  readonly what: string;
  readonly whats: string;
  /** The row's name among the document's components, and its fields besides id, name, color, picture and active. */
  readonly component: string;
  readonly ownFields?: z.ZodRawShape;
  readonly example: object;
  readonly body: { readonly create: z.ZodType; readonly patch: z.ZodType };
  readonly createExample: object;
  readonly patchExample: object;
  /** Defaults to `Update or deactivate a <what>`. */
  readonly patchSummary?: string;
  readonly tags: string[];
  /** The example of the `{id}` path parameter, and the creation's 201 answer. */
  readonly id: string;
  readonly created: RouteConfig['responses'][number];
}

/** Documents GET (Api-Key or program), POST and PATCH of a catalogue list in the registry, in that order. */
export function documentCatalogueList(list: CatalogueListDocument): void {
  const row = registry.register(
    list.component,
    z.object({
      id: uuid,
      name: z.string(),
      color: z.string().nullable(),
      ...list.ownFields,
      picture: z.string().nullable(),
      active: z.boolean(),
    }),
  );
  const paths = documentResource({ path: list.path, tags: list.tags, id: list.id });
  paths.list(`The program’s ${list.whats}`, PAGE_QUERY, listJson(row, list.example), {
    security: API_KEY_SECURITY,
  });
  paths.create(`Create a ${list.what}`, json(list.body.create, list.createExample), { 201: list.created });
  paths.patch(
    list.patchSummary ?? `Update or deactivate a ${list.what}`,
    json(list.body.patch, list.patchExample),
    json(resource(row), { data: list.example, version: 1 }),
  );
}
