import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/planted-rejection.ts', import.meta.url));

function run(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a promise rejection nothing handles', () => {
  it('when one is planted, then the process logs it once at fatal level, as a bug, and keeps running', async () => {
    const { code, stdout, stderr } = await run(FIXTURE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('still running');
    const logged = lines
      .slice(0, -1)
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message?: string } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 60, err: { message: 'planted by the test' } });
    expect(logged[0]?.msg).toMatch(/^BUG: unhandled promise rejection/);
  });
});
