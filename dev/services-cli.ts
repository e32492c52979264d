/**
 * `npm run services -- provision`: fetch and cache the Temporal CLI and FerretDB.
 * `npm run services -- start [--data-dir DIR]`: run both until Ctrl-C.
 */
import path from 'node:path';
import { ensureFerretDbBinary, ensureTemporalBinary, startLocalServices } from './services';
import { projectRoot } from '../core/paths';

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'provision') {
    const started = Date.now();
    const [temporal, ferretdb] = await Promise.all([ensureTemporalBinary(), ensureFerretDbBinary()]);
    console.log(
      `[services] temporal: ${temporal}\n[services] ferretdb: ${ferretdb}\n[services] provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return;
  }
  if (command === 'start') {
    const flag = rest.indexOf('--data-dir');
    const dataDir =
      flag >= 0 && rest[flag + 1] ? path.resolve(rest[flag + 1]) : path.join(projectRoot(), '.data/services');
    const services = await startLocalServices({ dataDir, temporalPort: 7233, temporalUiPort: 8233, mongoPort: 27017 });
    console.log(
      `TEMPORAL_ADDRESS=${services.temporalAddress}\nMONGODB_URI=${services.mongoUri}\nTemporal UI: ${services.temporalUiUrl ?? '-'}\nCtrl-C stops both.`,
    );
    const stop = () => void services.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  console.error('usage: npm run services -- provision | start [--data-dir DIR]');
  process.exit(2);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
