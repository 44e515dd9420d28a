import type { Config } from '../../../platform/config.js';

export { commandContext, programOf } from '../../auth/command-context.js';

/** Where campaign pages and user profiles are published. */
export const publicBaseUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>): string => config.PUBLIC_BASE_URL ?? 'https://give.goodstream.example';
