// A progress bar on a terminal (stderr), and nothing when output goes to a file or a pipe.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** A byte-counting bar for reading a file of `total` bytes. */
export function fileProgress(label: string, total: number | undefined): Progress {
  if (!process.stderr.isTTY || !total) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} MB | ETA {eta_formatted}`,
      formatValue: (v, _options, type) =>
        type === 'value' || type === 'total' ? (v / 1e6).toFixed(1) : String(v),
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let last = 0;
  return {
    update(done) {
      // Redraw at most every 64 KiB: the bar must not cost more than the work it reports.
      if (done - last >= 65536 || done >= total) {
        last = done;
        bar.update(done);
      }
    },
    stop() {
      bar.update(total);
      bar.stop();
    },
  };
}

/** A bar counting items (files, rows) out of `total`. */
export function countProgress(label: string, total: number): Progress {
  if (!process.stderr.isTTY || total <= 1) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} | ETA {eta_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop() {
      bar.stop();
    },
  };
}
