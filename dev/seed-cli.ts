import 'dotenv/config';
import { loadConfig } from '../core/config';
import { connectDb } from '../core/db';
import { seedDemo } from './seed';

async function main() {
  const config = loadConfig();
  const db = await connectDb(config.MONGODB_URI, config.MONGODB_DB);
  await seedDemo(db, {
    encryptionKey: config.ENCRYPTION_KEY,
    twilioAccountSid: process.env.TWILIO_ACCOUNT_SID,
    twilioAuthToken: process.env.TWILIO_AUTH_TOKEN,
  });
  console.log(`[seed] demo data is in ${config.MONGODB_DB}`);
  await db.connection.close();
}

main().catch((err) => {
  console.error('[seed] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
