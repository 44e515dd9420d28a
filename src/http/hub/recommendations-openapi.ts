import { json, registry, z } from '../openapi/registry.js';
import { PROGRAM_SECURITY } from '../openapi/security.js';
import { customerRecommendation, customerRecommendationsBody } from './recommendations.js';

/** getCustomerRecommendations in the OpenAPI document. */
export function documentRecommendations(): void {
  registry.registerPath({
    tags: ['Hub transactions'],
    method: 'post',
    path: '/v1/hub/recommendations/customers',
    operationId: 'admin_api/getCustomerRecommendations',
    summary:
      "For each customer (by external id) the filters keep, 3 retailers of the hub they have not bought at yet, the hub's most frequented first; the hub's top 3 (personal: false) for a customer with no purchase yet",
    security: PROGRAM_SECURITY,
    request: {
      body: json(customerRecommendationsBody, {
        customers: ['cust-42', 'cust-43'],
        dataRetrievalMethod: 'paymentCard',
        status: 'synchronized',
        registered: true,
      }),
    },
    responses: {
      200: json(z.object({ data: z.array(customerRecommendation) }), {
        data: [
          { customerExternalId: 'cust-42', retailers: ['brand-zara', '18289515', '18289516'], personal: true },
          { customerExternalId: 'cust-43', retailers: ['18289514', 'brand-zara', '18289515'], personal: false },
        ],
      }),
    },
  });
}
