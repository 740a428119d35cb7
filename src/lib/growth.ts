// When a bulk import should refresh the statistics of the tables it grows: after its first chunk that
// wrote rows, then whenever it has doubled what it had written at the last refresh — a few times per
// import, however large, and never for an import of one chunk. Statistics that still describe the table
// as it was (often empty) make the planner scan what it should look up.

export class Growth {
  private count = 0;
  private atLastAnalyze = 0;

  /** Rows written so far. */
  get written(): number {
    return this.count;
  }

  add(rows: number): void {
    this.count += rows;
  }

  /** Whether to analyze before the next chunk; when it says so, the analyze counts as done. */
  due(): boolean {
    if (this.count === 0 || this.count < 2 * this.atLastAnalyze) return false;
    this.atLastAnalyze = this.count;
    return true;
  }
}
