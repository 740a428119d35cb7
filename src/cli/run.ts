// Runs a command with a context: configuration, database (migrated, reference data loaded), logger; closes it after.
import { type Config, loadConfig } from '../config.js';
import { type AppContext, createContext } from '../context.js';

let configOverride: Config | undefined;

/** The configuration of this process, read once. */
export function currentConfig(): Config {
  configOverride ??= loadConfig();
  return configOverride;
}

export async function withContext<T>(
  command: string,
  fn: (ctx: AppContext) => Promise<T>,
  options: { demo?: boolean } = {},
): Promise<T> {
  const ctx = await createContext(currentConfig(), { command: `keruen ${command}`, demo: options.demo });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
