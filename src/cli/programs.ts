import { systemClock } from '../platform/clock.js';
import { createProgram, DEFAULT_SETTINGS } from '../commands/tenancy/create-program.js';
import { formatPosition } from '../platform/eventstore/position.js';
import { defineCommand, EXIT, UsageError, type CommandGroup } from './command.js';

const create = defineCommand({
  name: 'create',
  summary: 'Create a program and print its credentials; the api_secret is shown this once and only its digest is kept.',
  synopsis: '--name NAME [--currency EUR] [--cause-share-percent 80] [--validation-url URL]',
  details: `options:
  --name NAME                 the program's name (required)
  --currency CODE             ISO 4217, default ${DEFAULT_SETTINGS.currency}
  --cause-share-percent N     whole percent of a member's payment given to the cause, default ${DEFAULT_SETTINGS.causeSharePercent}
  --validation-url URL        the program's end-point that validates members' external access tokens
Prints one JSON object: id, name, api_key, api_secret, position. The running app's projector
makes the program usable within moments.
`,
  options: {
    name: { type: 'string' },
    currency: { type: 'string' },
    'cause-share-percent': { type: 'string' },
    'validation-url': { type: 'string' },
  },
  async run({ values }, ctx) {
    const name = values.name?.trim();
    if (!name) throw new UsageError('--name is required');
    const currency = (values.currency ?? DEFAULT_SETTINGS.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError('--currency takes an ISO 4217 code such as EUR');
    const share = Number(values['cause-share-percent'] ?? DEFAULT_SETTINGS.causeSharePercent);
    if (!Number.isInteger(share) || share < 0 || share > 100)
      throw new UsageError('--cause-share-percent takes a whole number from 0 to 100');
    const url = values['validation-url'];
    if (url !== undefined && !URL.canParse(url)) throw new UsageError('--validation-url takes a URL');
    const settings = {
      ...DEFAULT_SETTINGS,
      currency,
      causeSharePercent: share,
      externalTokenValidationUrl: url ?? null,
    };
    const program = await createProgram({ store: await ctx.store(), clock: systemClock }, { name, settings }, 'cli');
    ctx.stdout.write(
      `${JSON.stringify({
        id: program.id,
        name,
        api_key: program.apiKey,
        api_secret: program.apiSecret,
        position: program.position ? formatPosition(program.position) : null,
      })}\n`,
    );
    return EXIT.ok;
  },
});

export const programsCommands: CommandGroup = {
  name: 'programs',
  summary: 'Create programs (tenants) and their credentials.',
  commands: [create],
};
