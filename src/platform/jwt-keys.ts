import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Knex } from 'knex';
import { sqlMigration } from './db.js';
import { CLOCK_TOLERANCE_S, VerifiedTokens } from './verified-tokens.js';

export const jwtKeysMigration = sqlMigration(
  '0007_jwt_keys',
  `
      create table gs_jwt_keys (
        kid text primary key,
        alg text not null,
        private_jwk jsonb not null,
        public_jwk jsonb not null,
        created_at timestamptz not null default now()
      );
    `,
);

/** ECDSA P-256: small tokens, a key pair made in milliseconds. */
export const JWT_ALG = 'ES256';

export interface SignInput {
  readonly subject: string;
  readonly audience: string;
  readonly issuer: string;
  readonly ttlSeconds: number;
  readonly claims?: Readonly<Record<string, unknown>>;
}

export interface VerifyInput {
  readonly audience: string;
  readonly issuer: string;
}

/** goodstream's own JWT keys: the newest signs, every stored one verifies. */
export interface JwtKeys {
  /** The id of the key that signs new tokens. */
  readonly kid: string;
  sign(input: SignInput): Promise<string>;
  /** Resolves the payload (with its subject) or rejects with a jose error. */
  verify(token: string, input: VerifyInput): Promise<JWTPayload & { sub: string }>;
  /** The public keys, as served at /.well-known/jwks.json. */
  jwks(): JSONWebKeySet;
}

interface KeyRow {
  kid: string;
  alg: string;
  private_jwk: JWK;
  public_jwk: JWK;
}

const LOCK_ID = 0x67735f6a; // "gs_j": serialises first-start generation across processes

async function generateRow(): Promise<KeyRow> {
  const { privateKey, publicKey } = await generateKeyPair(JWT_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, alg: JWT_ALG, private_jwk: await exportJWK(privateKey), public_jwk: publicJwk };
}

/** Reads the stored keys, making and storing the first pair when there is none, so tokens survive a restart. */
async function ensureKeys(knex: Knex): Promise<KeyRow[]> {
  const existing = await knex<KeyRow>('gs_jwt_keys')
    .select('kid', 'alg', 'private_jwk', 'public_jwk')
    .orderBy('created_at', 'desc');
  if (existing.length > 0) return existing;
  const fresh = await generateRow();
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_ID]);
    const again = await trx<KeyRow>('gs_jwt_keys')
      .select('kid', 'alg', 'private_jwk', 'public_jwk')
      .orderBy('created_at', 'desc');
    if (again.length > 0) return again;
    await trx('gs_jwt_keys').insert({
      ...fresh,
      private_jwk: JSON.stringify(fresh.private_jwk),
      public_jwk: JSON.stringify(fresh.public_jwk),
    });
    return [fresh];
  });
}

export async function loadJwtKeys(knex: Knex): Promise<JwtKeys> {
  const rows = await ensureKeys(knex);
  const current = rows[0]!;
  const signingKey = (await importJWK(current.private_jwk, current.alg)) as CryptoKey;
  const publicSet: JSONWebKeySet = { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: r.alg, use: 'sig' })) };
  const keySet = createLocalJWKSet(publicSet);
  const algorithms = [...new Set(rows.map((r) => r.alg))];
  const verified = new VerifiedTokens<JWTPayload & { sub: string }>();
  return {
    kid: current.kid,
    async sign({ subject, audience, issuer, ttlSeconds, claims = {} }) {
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: current.alg, kid: current.kid, typ: 'JWT' })
        .setSubject(subject)
        .setAudience(audience)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(signingKey);
    },
    verify(token, { audience, issuer }) {
      return verified.verify(token, `${audience}\n${issuer}`, async () => {
        const { payload } = await jwtVerify(token, keySet, {
          audience,
          issuer,
          algorithms,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_S,
        });
        return payload as JWTPayload & { sub: string };
      });
    },
    jwks: () => ({ keys: publicSet.keys.map((k) => ({ ...k })) }),
  };
}
