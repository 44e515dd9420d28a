import { causeCategories, causes } from '../commands/causes/causes.js';
import type { CommandContext } from '../commands/shared/command.js';
import { addAddress, businessCategories, createBusiness, partnerCodes } from '../commands/perks/catalogue.js';
import { createPerk } from '../commands/perks/perks.js';
import { createProgram, DEFAULT_SETTINGS } from '../commands/tenancy/create-program.js';
import { causeCategoryFields, causeFields } from '../domain/causes/events.js';
import {
  addressFields,
  businessCategoryFields,
  businessFields,
  partnerCodeFields,
  perkFields,
} from '../domain/perks/events.js';
import { INSPIRESELF_PLACE } from '../http/openapi/seed-examples.js';
import { systemClock } from '../platform/clock.js';
import type { EventStore } from '../platform/eventstore/types.js';
import { defineCommand, EXIT, type CommandGroup } from './command.js';

/* The demo catalogue around Bordeaux, from seed 000. */

const CATEGORIES = [
  { key: 'epicerie', name: 'Alimentation', color: '#e8a33d', markerSymbol: 'marker-alimentation' },
  {
    key: 'personal',
    name: 'Développement personnel',
    color: '#36d3da',
    markerSymbol: 'marker-developpement',
    picture: 'business_categories/yoga',
  },
  {
    key: 'mobility',
    name: 'Mobilité',
    color: '#867486',
    markerSymbol: 'marker-mobilite',
    picture: 'business_categories/mobilite',
  },
] as const;

const BUSINESSES = [
  {
    category: 'epicerie',
    business: {
      name: 'La ruche des Chartrons',
      shop: true,
      labels: ['Engagement social', 'Modèle collaboratif/participatif'],
    },
    address: {
      street: 'Rue Notre-Dame',
      zipcode: '33000',
      city: 'Bordeaux',
      latitude: 44.8561327,
      longitude: -0.576172,
      main: true,
    },
    perks: [{ name: 'UN CADEAU DE BIENVENUE', offer: 'Offert', perkDetailId: 1 }],
  },
  {
    category: 'epicerie',
    business: { name: 'Origines Tea & Coffee', shop: true, labels: ['Action Locale', 'Circuit Court', 'Zéro déchet'] },
    address: {
      street: 'Rue Notre-Dame',
      zipcode: '33000',
      city: 'Bordeaux',
      latitude: 44.8518459,
      longitude: -0.5718565,
      main: true,
    },
    perks: [
      { name: "-50% SUR L'ATELIER DéGUSTATION", offer: '-50 %', perkDetailId: 1 },
      { name: 'UN THé OFFERT !', offer: 'Offert', perkDetailId: 1 },
      { name: 'OFFRE FLASH DU MOMENT', offer: 'Offert', perkDetailId: 1, flash: true, times: 15 },
    ],
  },
  {
    category: 'personal',
    business: {
      name: 'INSPIRESELF',
      activity: 'Pour votre inspiration',
      shop: true,
      online: true,
      itinerant: true,
      leaderFirstName: 'Patrice',
      leaderLastName: 'Buyle',
      labels: ['Produits éco-responsables', 'Politique anti-gaspillage'],
    },
    address: {
      ...INSPIRESELF_PLACE,
      timetables: [
        { day: 'lundi', startAt: '05:00', endAt: '07:00' },
        { day: 'dimanche', startAt: '15:00', endAt: '19:00' },
      ],
    },
    perks: [
      {
        name: '25% SUR LE PREMIER PRODUIT ACHETé !',
        offer: 'Offert',
        perkDetailId: 2,
        perkCode: 'CFORGOOD',
        appel: true,
      },
    ],
  },
] as const;

const CAUSES = [
  {
    category: 'Culturel',
    name: 'Keep A Breast Europe',
    city: 'Bordeaux',
    latitude: 44.8412,
    longitude: -0.5801,
    impact: '25€ permettent de financer un atelier éducatif',
  },
  {
    category: 'Environnement',
    name: 'Disco Soupe',
    city: 'Bordeaux',
    latitude: 44.8378,
    longitude: -0.5792,
    impact: '100€ financent une disco soupe',
  },
  {
    category: 'Insertion/Précarité',
    name: 'Entr-Autres',
    city: 'Bordeaux',
    latitude: 44.8289,
    longitude: -0.5697,
    impact: '200€ aide un jeune à se réinsérer',
  },
  {
    category: 'Entrepreneuriat Social',
    name: 'Osons Ici et Maintenant',
    city: 'Bègles',
    latitude: 44.8086,
    longitude: -0.5478,
    impact: 'Révéler le potentiel des jeunes 18 - 30 ans',
  },
] as const;

interface SeededProgram {
  readonly id: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly businesses: number;
  readonly causes: number;
}

/** Creates a program and its demo catalogue through the same commands the API runs. */
async function seedDemo(store: EventStore, name: string): Promise<SeededProgram> {
  const deps = { store, clock: systemClock };
  const program = await createProgram(deps, { name, settings: DEFAULT_SETTINGS }, 'cli');
  const context: CommandContext = { tenantId: program.id, actor: 'cli:seed' };
  const categoryIds = new Map<string, string>();
  for (const { key, ...fields } of CATEGORIES)
    categoryIds.set(key, (await businessCategories.create(deps, businessCategoryFields.parse(fields), context)).id);
  for (const entry of BUSINESSES) {
    const fields = businessFields.parse({
      ...entry.business,
      businessCategoryId: categoryIds.get(entry.category) ?? null,
    });
    const { id } = await createBusiness(deps, fields, context);
    await addAddress(deps, id, addressFields.parse(entry.address), context);
    for (const perk of entry.perks) await createPerk(deps, id, perkFields.parse(perk), context);
  }
  const causeCategoryIds = new Map<string, string>();
  for (const cause of CAUSES) {
    if (!causeCategoryIds.has(cause.category)) {
      causeCategoryIds.set(
        cause.category,
        (await causeCategories.create(deps, causeCategoryFields.parse({ name: cause.category }), context)).id,
      );
    }
    const { category, ...fields } = cause;
    await causes.create(
      deps,
      causeFields.parse({ ...fields, causeCategoryId: causeCategoryIds.get(category) }),
      context,
    );
  }
  const code = {
    code: 'CFORGOODBDX',
    partnerName: 'CforGood Bordeaux',
    latitude: 44.8378,
    longitude: -0.5792,
    radiusKm: 20,
    trialMonths: 1,
  };
  await partnerCodes.create(deps, partnerCodeFields.parse(code), context);
  return {
    id: program.id,
    apiKey: program.apiKey,
    apiSecret: program.apiSecret,
    businesses: BUSINESSES.length,
    causes: CAUSES.length,
  };
}

const demo = defineCommand({
  name: 'demo',
  summary:
    'Create a demo program with businesses, perks (one flash), causes and the partner code CFORGOODBDX around Bordeaux.',
  synopsis: '[--name NAME]',
  details: `options:
  --name NAME   the demo program's name, default "CforGood demo"
Prints one JSON object (id, api_key, api_secret: shown this once), then example curl lines.
The running app's projector makes the catalogue searchable within moments.
`,
  options: { name: { type: 'string' } },
  async run({ values }, ctx) {
    const seeded = await seedDemo(await ctx.store(), values.name?.trim() || 'CforGood demo');
    const base = ctx.config().PUBLIC_BASE_URL ?? `http://localhost:${ctx.config().PORT}`;
    const key = `-H 'Api-Key: ${seeded.apiKey}'`;
    ctx.stdout.write(
      `${JSON.stringify({ id: seeded.id, api_key: seeded.apiKey, api_secret: seeded.apiSecret, businesses: seeded.businesses, causes: seeded.causes })}\n`,
    );
    ctx.stdout.write(
      [
        `# businesses within 10 km of Bordeaux, online ones too:`,
        `curl ${key} '${base}/v1/businesses?lat=44.8378&lng=-0.5792&online=true'`,
        `# causes, nearest first:`,
        `curl ${key} '${base}/v1/causes?lat=44.8378&lng=-0.5792'`,
        `# the partner code, in Bordeaux:`,
        `curl ${key} -H 'Content-Type: application/json' -d '{"code_partner":"CFORGOODBDX","lat":44.8378,"lng":-0.5792}' '${base}/v1/partner-codes/check'`,
        `# the program's own writes take the secret too:`,
        `curl ${key} -H 'Api-Secret: ${seeded.apiSecret}' '${base}/v1/business-categories'`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
});

export const seedCommands: CommandGroup = {
  name: 'seed',
  summary: 'Fill a database with demo data.',
  commands: [demo],
};
