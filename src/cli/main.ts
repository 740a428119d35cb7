// The `keruen` command line: every command, its options and its exit code.
import { Command, CommanderError } from 'commander';
import type { Kysely } from 'kysely';
import { ensureDemoAccount, registerAuthCommands } from '../auth/index.js';
import { databaseTarget } from '../config.js';
import { createContext } from '../context.js';
import { registerCooperationCommands } from '../cooperation/index.js';
import { migrationStatus, openDatabase } from '../db/index.js';
import { ingestDemoDocuments, loadDemoData } from '../demo/index.js';
import { registerDocumentCommands } from '../documents/index.js';
import { registerExtractionCommands } from '../extraction/index.js';
import { buildServer } from '../http/index.js';
import { RECORD_KINDS } from '../kinds.js';
import { registerProducerCommands } from '../producers/index.js';
import { registerRecordCommands } from '../records/index.js';
import { registerReferenceCommands } from '../reference/index.js';
import { registerTradeCommands } from '../trade/index.js';
import { parseFormat, printJson, printTable, reportError } from './output.js';
import { currentConfig, withContext } from './run.js';

function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API, its documentation and the web app')
    .option('--demo', 'use the demo database, with demo data (what `npm start` runs)')
    .option('--port <port>', 'port to listen on (default: PORT, else 4400)')
    .option('--host <host>', 'address to listen on (default: HOST, else 127.0.0.1)')
    .action(async (options: { demo?: boolean; port?: string; host?: string }) => {
      const config = currentConfig();
      const port = options.port === undefined ? config.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new CommanderError(
          2,
          'keruen.port',
          `--port must be a whole number from 0 to 65535, not ${options.port}`,
        );
      }
      const ctx = await createContext(config, {
        demo: options.demo,
        command: 'keruen serve',
        logLevel: 'info',
      });
      let app: Awaited<ReturnType<typeof buildServer>>;
      let demoAccount: { name: string; password: string } | undefined;
      try {
        if (options.demo && (await loadDemoData(ctx.db)).loaded) ctx.logger.info('demo data loaded');
        if (options.demo) demoAccount = await ensureDemoAccount(ctx.db);
        if (options.demo && config.demoDocuments) {
          const { ingested } = await ingestDemoDocuments(ctx.db, config.demoDocuments);
          if (ingested > 0)
            ctx.logger.info({ ingested, folder: config.demoDocuments }, 'demo documents ingested for review');
        }
        app = await buildServer(ctx);
        await app.listen({ port, host: options.host ?? config.host });
      } catch (error) {
        await ctx.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new Error(
            `port ${port} on ${options.host ?? config.host} is already in use: stop the program using it, or choose another port with PORT or --port`,
          );
        }
        throw error;
      }
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const host = options.host ?? config.host;
      const shownHost =
        host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      const url = `http://${shownHost}:${actualPort}/`;
      process.stdout.write(
        `Keruen ${config.version} is running at ${url}\n` +
          `  API documentation: ${url}docs\n` +
          `  database: ${ctx.database.location}${options.demo ? ' (demo)' : ''}\n` +
          (demoAccount
            ? `  sign in to change data as ${demoAccount.name}, password ${demoAccount.password} (demo database only)\n`
            : '') +
          '  stop with Ctrl+C\n',
      );
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          ctx.logger.info({ signal }, 'shutting down');
          // Close the server first (no new requests, in-flight ones finish), then the database.
          app
            .close()
            .catch((error: unknown) => ctx.logger.error({ err: error }, 'closing the server failed'))
            .then(() => ctx.close())
            .catch((error: unknown) => ctx.logger.error({ err: error }, 'closing the database failed'))
            .finally(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}

function dbCommands(program: Command): void {
  const db = program.command('db').description('the database: migrations and their state');
  db.command('migrate')
    .description('apply pending migrations (the server and every command also do this on start)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format);
      const states = await withContext('db migrate', (ctx) => migrationStatus(ctx.db as Kysely<unknown>));
      if (format === 'json') return printJson({ migrations: states });
      process.stdout.write(`database is up to date: ${states.length} migrations applied\n`);
    });
  db.command('status')
    .description('list migrations and whether each is applied, without changing anything')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format);
      const config = currentConfig();
      const database = await openDatabase(databaseTarget(config), { command: 'keruen db status' });
      try {
        const states = await migrationStatus(database.db as Kysely<unknown>);
        if (format === 'json') return printJson({ location: database.location, migrations: states });
        process.stdout.write(`${database.location}\n`);
        printTable(
          states.map((s) => ({ migration: s.name, applied: s.appliedAt ?? 'pending' })),
          ['migration', 'applied'],
        );
      } finally {
        await database.close();
      }
    });
}

/** Builds the program; `keruen` with its arguments runs one command. */
export function buildProgram(): Command {
  const program = new Command('keruen')
    .description('Keruen: trade cooperation in Central Asia and the Eurasian region')
    .version(currentVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  serveCommand(program);
  dbCommands(program);
  const importCommand = program.command('import').description('import data from files');
  registerReferenceCommands(importCommand);
  registerExtractionCommands(program);
  registerDocumentCommands(program);
  const demoCommand = program.command('demo').description('demo data and synthetic datasets');
  demoCommand
    .command('load')
    .description(
      'load the demo data (figures, targets and records stated in the corpus, with citations) into the database',
    )
    .action(async () => {
      const result = await withContext('demo load', (ctx) => loadDemoData(ctx.db));
      process.stdout.write(result.loaded ? 'demo data loaded\n' : 'demo data already loaded\n');
    });
  registerTradeCommands(program, importCommand, demoCommand);
  registerProducerCommands(program, importCommand, demoCommand);
  registerRecordCommands(program, importCommand, RECORD_KINDS);
  registerCooperationCommands(program, RECORD_KINDS);
  registerAuthCommands(program);
  return program;
}

function currentVersion(): string {
  try {
    return currentConfig().version;
  } catch {
    return 'unknown';
  }
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    currentConfig();
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      if (error.code === 'keruen.port') process.stderr.write(`keruen: ${error.message}\n`);
      return error.exitCode || 2;
    }
    return reportError(error);
  }
}
