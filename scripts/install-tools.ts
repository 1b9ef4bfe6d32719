// `npm run tools` / postinstall: prepares the Temporal binaries so the first `npm start` or
// `npm test` does not stop to download them.
import { resolveTemporalCli, resolveTestServer } from './tools';

async function main(): Promise<void> {
  const [cli, testServer] = [await resolveTemporalCli(), await resolveTestServer()];
  console.log(`[tools] temporal: ${cli}`);
  console.log(`[tools] temporal-test-server: ${testServer}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
