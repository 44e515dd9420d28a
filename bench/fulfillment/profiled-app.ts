/**
 * The whole app in a child process, as bench/http/server.ts runs it, whose main thread can be profiled on demand:
 * `profile:start` starts V8's CPU profiler through node:inspector, `profile:stop` writes the profile to the path
 * given and answers `{ profiled: path }`. Only what happens between the two is in it (not the app's start).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { start } from '../../src/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';

export type ProfiledAppMessage = { readonly port: number } | { readonly profiled: string } | { readonly error: string };
export type ProfiledAppCommand = 'stop' | 'profile:start' | { readonly profileTo: string };

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const running = await start(config, createLogger(config.LOG_LEVEL));
const address = running.server?.address();
if (!address || typeof address !== 'object') throw new Error('the app is not listening (is the api role in ROLES?)');
const session = new Session();
session.connect();
const answer = (message: ProfiledAppMessage) => process.send?.(message);

async function obey(command: ProfiledAppCommand): Promise<void> {
  if (command === 'stop') {
    const stopped = running.stop();
    running.server?.closeAllConnections();
    await stopped;
    process.exit(0);
  } else if (command === 'profile:start') {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  } else {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(command.profileTo, JSON.stringify(profile));
    answer({ profiled: command.profileTo });
  }
}

process.on('message', (command: ProfiledAppCommand) => {
  obey(command).catch((error: unknown) => answer({ error: String(error) }));
});
process.on('disconnect', () => void obey('stop'));
answer({ port: address.port });
