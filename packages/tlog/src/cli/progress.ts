/**
 * Progress on standard error: a redrawn bar when stderr is a terminal, otherwise an occasional plain line
 * (so CI logs and redirected output stay readable).
 */
export class Progress {
  private lastDraw = 0;
  private drawn = false;
  private readonly started = Date.now();
  private readonly tty: boolean;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly quiet: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
    // Plain-line mode stays silent for short runs: the first line comes after one interval.
    if (!this.tty) this.lastDraw = this.started;
  }

  update(done: number): void {
    if (this.quiet || this.total === 0) return;
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 5000)) return;
    this.lastDraw = now;
    this.draw(done, now);
  }

  finish(done: number): void {
    // In plain-line mode a run too short to have printed progress does not print a final line either.
    if (this.quiet || this.total === 0 || (!this.tty && !this.drawn)) return;
    this.draw(done, Date.now());
    if (this.tty) this.stream.write('\n');
  }

  private draw(done: number, now: number): void {
    this.drawn = true;
    const fraction = Math.min(1, done / this.total);
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    const figures = `${(fraction * 100).toFixed(1)}% ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.label} (${Math.round(rate).toLocaleString('en')}/s)`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${figures}\x1b[K`);
    } else {
      this.stream.write(`progress: ${figures}\n`);
    }
  }
}
