import express, { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { type z } from 'zod';
import { createProgram } from '../../commands/tenancy/create-program.js';
import { registerSigningKey } from '../../commands/tenancy/register-signing-key.js';
import type { ProgramSettings } from '../../domain/tenancy/events.js';
import type { Config } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import type { Logger } from '../../platform/logger.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import { findProgram, type ProgramRow } from '../../projections/tenancy/programs.js';
import { createAuth, PROGRAM_SCHEMES, programIdOf, type Auth } from '../auth/authenticate.js';
import { captureRawBody } from '../auth/raw-body.js';
import { issueProgramToken, PROGRAM_TOKEN_TTL_SECONDS } from '../auth/tokens.js';
import { sendResource } from '../conventions/envelope.js';
import { expectedVersion } from '../conventions/versioning.js';
import { fromHundredths, toHundredths } from '../conventions/money.js';
import { createProgramBody, signingKeyBody, tokenBody } from './programs/schemas.js';
import { HttpError } from '../errors.js';

export interface TenancyDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly runner: Pick<ProjectionRunner, 'waitFor'>;
  readonly config: Pick<Config, 'ADMIN_TOKEN' | 'PUBLIC_BASE_URL' | 'READ_YOUR_WRITES_TIMEOUT_MS'>;
  readonly jwtKeys: JwtKeys;
  /** Shared with the other routers; made from the deps above when absent. */
  readonly auth?: Auth;
  readonly logger?: Logger;
}

export function toSettings(body: z.infer<typeof createProgramBody>): ProgramSettings {
  return {
    currency: body.currency,
    causeSharePercent: body.cause_share_percent,
    cardFeeBasisPoints: toHundredths(body.card_fee_percent),
    cardFeeFixed: toHundredths(body.card_fee_fixed),
    externalTokenValidationUrl: body.external_token_validation_url ?? null,
  };
}

export function settingsJson(settings: ProgramSettings) {
  return {
    currency: settings.currency,
    cause_share_percent: settings.causeSharePercent,
    card_fee_percent: fromHundredths(settings.cardFeeBasisPoints),
    card_fee_fixed: fromHundredths(settings.cardFeeFixed),
    external_token_validation_url: settings.externalTokenValidationUrl,
  };
}

export function programJson(program: ProgramRow) {
  return {
    id: program.id,
    name: program.name,
    api_key: program.apiKey,
    ...settingsJson(program.settings),
    signing_key: program.signingKey
      ? {
          key_id: program.signingKey.keyId,
          public_key: program.signingKey.publicKeyPem,
          registered_at: program.signingKey.registeredAt.toISOString(),
        }
      : null,
    created_at: program.createdAt.toISOString(),
  };
}

// ---------------------------------------------------------------- routes

const bodyOf = (req: Request): unknown => (req.body as unknown) ?? {};

/**
 * Programs and their credentials: creation (admin), OAuth tokens, the program itself, its signing key, and the JWKS.
 */
export function tenancyRoutes(deps: TenancyDeps): Router {
  const router = Router();
  const { authenticate } = deps.auth ?? createAuth(deps);
  const waitForPrograms = readYourWrites(deps, ['programs']);
  const loadProgram = async (res: Response): Promise<ProgramRow> => {
    const program = await findProgram(deps.knex, programIdOf(res.locals));
    if (!program) throw new HttpError('not_found', 'program not found');
    return program;
  };

  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(deps.jwtKeys.jwks());
  });

  router.post('/v1/admin/programs', authenticate(['admin']), async (req, res) => {
    const body = createProgramBody.parse(bodyOf(req));
    const settings = toSettings(body);
    const created = await createProgram(deps, { name: body.name, settings }, 'admin');
    await waitForPrograms(created.position);
    res.set('Cache-Control', 'no-store').location('/v1/program');
    const data = {
      id: created.id,
      name: body.name,
      api_key: created.apiKey,
      api_secret: created.apiSecret,
      ...settingsJson(settings),
      signing_key: null,
      created_at: created.createdAt,
    };
    sendResource(res, data, created.version ?? 0n, 201);
  });

  router.post(
    '/v1/oauth/token',
    express.urlencoded({ extended: false, limit: '16kb', verify: captureRawBody }),
    authenticate(['key_secret', 'basic']),
    async (req, res) => {
      tokenBody.parse(bodyOf(req));
      const accessToken = await issueProgramToken(deps.jwtKeys, deps.config, programIdOf(res.locals));
      res
        .set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' })
        .json({ access_token: accessToken, token_type: 'Bearer', expires_in: PROGRAM_TOKEN_TTL_SECONDS });
    },
  );

  router.get('/v1/program', authenticate(PROGRAM_SCHEMES), async (_req, res) => {
    const program = await loadProgram(res);
    sendResource(res, programJson(program), program.version);
  });

  router.put('/v1/program/signing-key', authenticate(PROGRAM_SCHEMES), async (req, res) => {
    const body = signingKeyBody.parse(bodyOf(req));
    const programId = programIdOf(res.locals);
    const expected = expectedVersion(req);
    const result = await registerSigningKey(
      deps,
      programId,
      body.public_key,
      { actor: `program:${programId}` },
      expected === undefined ? {} : { expectedVersion: expected },
    );
    await waitForPrograms(result.position);
    const program = await loadProgram(res);
    sendResource(res, programJson(program), program.version);
  });

  return router;
}
