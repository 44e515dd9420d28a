import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the docs page', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when a browser asks for text/html, then the page answers, loading its script from this server, not a CDN', async () => {
    const page = await fetch(`${app.baseUrl}/docs`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('src="/docs/assets/standalone.js"');
    expect(html).not.toMatch(/https?:\/\/cdn\./);
    const script = await fetch(`${app.baseUrl}/docs/assets/standalone.js`, { headers: { Accept: '*/*' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const json = await fetch(`${app.baseUrl}/docs`, { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(406);
  });

  it('when headless Chromium loads it without internet access, then it renders the operations', async () => {
    // The machine's Chromium (Debian's package, installed by .ci/run): a missing browser fails this test.
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        // Nothing but this server: a page that needs the internet renders nothing here.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        '--virtual-time-budget=20000',
        '--dump-dom',
        `${app.baseUrl}/docs`,
      ],
      { timeout: 150_000, maxBuffer: 64 * 1024 * 1024 },
    );
    // The page as a reader sees it: the rendered text, styles and tags left out.
    const text = stdout
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('goodstream API');
    expect(text).toContain('get /health');
    expect(text).toContain('Prometheus text');
    for (const group of ['Members', 'Donations', 'Webhooks', 'Replay']) expect(text).toContain(group);
    // A browser on a loaded two-core machine takes its time.
  }, 180_000);
});
