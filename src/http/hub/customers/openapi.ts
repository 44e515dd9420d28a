import { GENDERS, ORIGINS } from '../../../domain/hub/customers/events.js';
import { language } from '../fields.js';
import { REGISTRATION_TYPES } from '../../../domain/hub/hubs/events.js';
import { errorResponses, json, listOf, registry, resource, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { PAGE_PARAMS } from '../../openapi/wire.js';
import { CUSTOMER, KEY, noContent, path, s, SIGNED_OR_PROGRAM } from './openapi-common.js';
import {
  CUSTOMER_ID,
  customerExistsExample,
  customerListExample,
  customerOptinsExample,
  customerResourceExample,
  referralCheckExample,
} from '../examples.js';
import { changePasswordBody, patchCustomerBody, putCustomerOptinsBody, referralCheckBody } from './schemas.js';

/** Documents the customer's profile routes and the program's customer routes; returns the customer's schema. */
export function documentCustomers(): z.ZodType {
  const customer = registry.register(
    'HubCustomer',
    z.object({
      id: z.uuid(),
      customerExternalId: s(),
      firstName: s(),
      lastName: s(),
      email: z.email().nullable(),
      phoneNumber: s(),
      countryCode: z.number().int().nullable(),
      birthDate: z.iso.date().nullable(),
      gender: z.enum(GENDERS).nullable(),
      familyStatus: s(),
      postalCode: s(),
      origin: z.enum(ORIGINS).nullable(),
      referer: s(),
      preferredLanguage: s(),
      outsideOptIn: z.boolean(),
      registrationDate: z.iso.datetime(),
      transactionsEligibleFromDate: z.iso.datetime(),
      dataProviderType: z.enum(['bank', 'restaurant', 'scan']).nullable(),
      status: z.enum(['registering', 'subscribed']),
      referralCode: z.string(),
      pointsBalance: z.number().int(),
      cashbackMethod: z.enum(['missing', 'retrieved']),
      hasPassword: z.boolean(),
      passwordLocked: z.boolean(),
    }),
  );
  const customerIdParam = z.object({ customerId: z.uuid().openapi({ example: CUSTOMER_ID }) });

  const customerResource = json(resource(customer), customerResourceExample);
  path('get', '/v1/hub/customer', 'customer_api/getCustomer', 'The signed-in customer', CUSTOMER, {
    responses: { 200: customerResource },
  });
  path(
    'patch',
    '/v1/hub/customer',
    'customer_api/patchCustomer',
    'Change the profile; `password` only while none is set (422 operation_refused); a taken email or phone 409',
    CUSTOMER,
    {
      request: { body: json(patchCustomerBody, { firstName: 'Zoé' }) },
      responses: { 200: customerResource },
    },
  );
  path(
    'delete',
    '/v1/hub/customer',
    'customer_api/deleteCustomer',
    'Delete the customer: its tokens die, its personal data is erased',
    CUSTOMER,
    {
      responses: noContent,
    },
  );
  path(
    'put',
    '/v1/hub/customer/password',
    'customer_api/changeCustomerPassword',
    'Change the password; a wrong current one 422',
    CUSTOMER,
    {
      request: { body: json(changePasswordBody, { currentPassword: 'correct horse', password: 'battery staple' }) },
      responses: noContent,
    },
  );
  path(
    'get',
    '/v1/hub/customer/optins',
    'customer_api/getCustomerOptins',
    "The hub's optins with the customer's values",
    CUSTOMER,
    {
      request: { query: z.object({ lng: language.optional() }) },
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                code: z.string(),
                label: z.string(),
                value: z.boolean(),
                registrationType: z.enum(REGISTRATION_TYPES),
              }),
            ),
          }),
          customerOptinsExample,
        ),
      },
    },
  );
  path(
    'put',
    '/v1/hub/customer/optins',
    'customer_api/updateOptins',
    'Set optin values of a registration type; turning a required one off 422 operation_refused',
    CUSTOMER,
    {
      request: {
        body: json(putCustomerOptinsBody, { registrationType: 'SCR', optins: [{ code: 'cgu', value: true }] }),
      },
      responses: noContent,
    },
  );
  path(
    'get',
    '/v1/hub/customers/exists/{externalId}',
    'customer_api/existsCustomer',
    'Whether a customer has this external id',
    KEY,
    {
      request: { params: z.object({ externalId: z.string().max(100) }) },
      responses: {
        200: json(
          z.object({ data: z.object({ customerId: z.uuid(), status: z.enum(['registering', 'subscribed']) }) }),
          customerExistsExample,
        ),
      },
    },
  );
  path(
    'post',
    '/v1/hub/referrals/check',
    'customer_api/referralExists',
    'The referrer of a referral code or phone',
    KEY,
    {
      request: { body: json(referralCheckBody, { referralCode: 'ABCD2345' }) },
      responses: {
        200: json(
          z.object({ data: z.object({ customerId: z.uuid(), referralCode: z.string() }) }),
          referralCheckExample,
        ),
      },
    },
  );
  path(
    'post',
    '/v1/hub/customers/{customerId}/track',
    'customer_api/trackCustomer',
    'Record an action of the customer; unknown 404 (customerNotFound)',
    KEY,
    {
      request: {
        params: customerIdParam,
        query: z.object({ eventName: z.string().max(100), value: z.string().max(500).optional() }),
      },
      responses: noContent,
    },
  );
  path(
    'get',
    '/v1/hub/customers',
    'admin_api/getCustomers',
    "The hub's customers, oldest first. Also serves backoffice/v3/customer_api/getCustomers and backoffice/customer_support_api/getCustomersIdByInfo (search: exact id, phone or email).",
    SIGNED_OR_PROGRAM,
    {
      request: {
        query: z.object({
          ...PAGE_PARAMS,
          startDate: z.string().optional(),
          endDate: z.string().optional(),
          search: z.string().max(254).optional(),
          memberFullyRegistered: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: { 200: json(listOf(customer), customerListExample), ...errorResponses(404) },
    },
  );
  path(
    'get',
    '/v1/hub/customers/{customerId}',
    'backoffice/v3/customer_api/getPersonalInformation',
    'One customer of the hub',
    PROGRAM_SECURITY,
    {
      request: { params: customerIdParam },
      responses: { 200: customerResource },
    },
  );
  path(
    'post',
    '/v1/hub/customers/{customerId}/password/unlock',
    'backoffice/customer_support_api/unlockPassword',
    'Free a locked password',
    PROGRAM_SECURITY,
    {
      request: { params: customerIdParam },
      responses: noContent,
    },
  );
  path(
    'delete',
    '/v1/hub/customers/{customerId}',
    'admin_api/deleteCustomerAdmin',
    'Delete a customer (as customer_api/deleteCustomer)',
    SIGNED_OR_PROGRAM,
    {
      request: { params: customerIdParam },
      responses: noContent,
    },
  );
  return customer;
}
