import { IDEMPOTENCY_KEY, json, registry, resource, z } from '../../openapi/registry.js';
import { SECURITY } from '../../openapi/security.js';
import { dateTime, uuid } from '../../openapi/wire.js';
import { created, ID, idParam, route } from '../openapi-paths.js';
import { feedback } from './payloads.js';
import { useCreateBody, usePatchBody } from './schemas.js';

const useExample = {
  id: ID,
  perk_id: ID,
  perk_name: 'UN THé OFFERT !',
  business_id: ID,
  business_name: 'Origines Tea & Coffee',
  feedback: 'like',
  created_at: '2017-02-06T09:27:36.000Z',
  feedback_at: '2017-02-07T10:00:00.000Z',
};
/** Documents the uses' paths in the registry. */
export function documentUses(): void {
  const use = registry.register(
    'PerkUse',
    z.object({
      id: uuid,
      perk_id: uuid,
      perk_name: z.string(),
      business_id: uuid,
      business_name: z.string(),
      feedback: feedback.nullable(),
      created_at: dateTime,
      feedback_at: dateTime.nullable(),
    }),
  );

  route(
    'post',
    '/v1/uses',
    'Use a perk (a member with an active subscription); refused with operation_refused when it is not usable',
    {
      security: [SECURITY.memberToken, SECURITY.memberBearer],
      request: { headers: IDEMPOTENCY_KEY, body: json(useCreateBody, { use: { perk_id: ID } }) },
      responses: { 201: created },
    },
  );
  route('patch', '/v1/uses/{id}', 'Give the one feedback of a use (its owner only)', {
    security: [SECURITY.memberToken, SECURITY.memberBearer],
    request: { params: idParam, body: json(usePatchBody, { use: { feedback: 'like' } }) },
    responses: { 200: json(resource(use), { data: useExample, version: 2 }) },
  });
}
