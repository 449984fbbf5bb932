// npm run audit:verify — checks the audit hash chain; exits 1 and names the first broken link.
import { loadConfig } from '../src/config/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import { verifyChain } from '../src/features/audit/index.js';

const config = loadConfig();
const db = await openDatabase(config.env);
try {
  const result = await verifyChain(db);
  if (result.ok) {
    console.log(`audit chain intact: ${result.checked} events, head ${result.headHash}`);
  } else {
    console.error(
      `audit chain BROKEN at event ${result.firstBroken?.position}: ${result.firstBroken?.reason} ` +
        `(${result.checked} events verified before it)`,
    );
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
