// The embedded database belongs to one process at a time. A lock file beside the data folder
// names the holder; a lock left by a process that no longer runs (killed, crashed) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseBusyError } from '../errors.js';

export interface FolderLock {
  path: string;
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): { pid: number; command: string } | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; command?: unknown };
    if (typeof holder.pid !== 'number') return undefined;
    return { pid: holder.pid, command: typeof holder.command === 'string' ? holder.command : 'keruen' };
  } catch {
    return undefined;
  }
}

/** Takes the lock for `dataDir`, or throws DatabaseBusyError naming the process that holds it. */
export function lockDataFolder(dataDir: string, command: string): FolderLock {
  const path = `${dataDir}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(path);
          if (holder?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.pid !== process.pid && processIsAlive(holder.pid)) {
        throw new DatabaseBusyError(
          `The embedded database at ${dataDir} is in use by process ${holder.pid} (${holder.command}). ` +
            'Stop that process first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.',
        );
      }
      // The holder is gone (killed or crashed): the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseBusyError(`Could not take the lock ${path}; another process keeps taking it.`);
}
