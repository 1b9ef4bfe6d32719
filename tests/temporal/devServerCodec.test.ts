// `npm start` points the dev server's Web UI at the API's codec endpoint: the UI's own settings
// (what the browser reads, and anyone who can open the UI) must name it, and hold no token.
import { describe, expect, it } from 'vitest';
import { getFreePort } from '../../scripts/ports';
import { devCodecEndpoint, startTemporalDevServer } from '../../scripts/temporal-dev';

describe('dev server Web UI', () => {
  it('uses the codec endpoint npm start derives from PORT, with no credential in it', async () => {
    const endpoint = devCodecEndpoint({ PORT: '3999', API_TOKENS: 'service:s,admin:dev-admin:dev-admin-token' });
    expect(endpoint).toBe('http://localhost:3999/codec');
    expect(devCodecEndpoint({})).toBe('http://localhost:3000/codec');
    const ui = await getFreePort();
    const server = await startTemporalDevServer({ port: await getFreePort(), uiPort: ui, uiCodecEndpoint: endpoint });
    try {
      const settings = (await (await fetch(`http://localhost:${ui}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
      expect(settings.Codec.Endpoint).toBe(endpoint);
    } finally {
      await server.stop();
    }
  });
});
