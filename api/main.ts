import 'dotenv/config';
import { loadConfig } from '../core/config';
import { connectDb } from '../core/db';
import { getTwilioCallbackWarning } from '../core/services/integrations/get-twilio-callback-warning';
import { connectTemporalClient } from '../core/temporal/client';
import { startApiServer } from './server';

async function main() {
  const config = loadConfig();
  const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  const callbackWarning = await getTwilioCallbackWarning({ db, config });
  if (callbackWarning) console.warn(`[api] ${callbackWarning}`);
  const temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const api = await startApiServer(
    { config, db, temporal },
    config.WEB_MODE ?? (config.NODE_ENV === 'production' ? 'build' : 'vite'),
  );
  console.log(`[api] listening on ${api.url}`);
  const stop = async () => {
    await api.close();
    await temporal.connection.close();
    await db.connection.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error('[api] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
