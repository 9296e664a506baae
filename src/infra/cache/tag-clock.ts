// Tells whether something made from tagged data may have missed a write: each invalidation
// ticks a clock and stamps the tags it names. A page or piece whose making started before
// the stamp of one of its own tags may hold what was just changed, and must not be kept.
// Only its own tags count: a steady stream of grades on one article does not stop other
// articles' pages from being kept.

export class TagClock {
  private now = 0;
  private stamps = new Map<string, number>();
  /** When everything was last invalidated ('*'). */
  private allAt = 0;

  /** The time to remember when starting to make something. */
  start(): number {
    return this.now;
  }

  tick(tags: readonly string[]): void {
    this.now++;
    if (tags.includes('*')) {
      this.allAt = this.now;
      // Every older stamp is covered by allAt from now on.
      this.stamps.clear();
      return;
    }
    for (const tag of tags) this.stamps.set(tag, this.now);
  }

  /** True when a tag of something started at `startedAt` was invalidated since. */
  missed(startedAt: number, tags: readonly string[]): boolean {
    if (this.allAt > startedAt) return true;
    for (const tag of tags) if ((this.stamps.get(tag) ?? 0) > startedAt) return true;
    return false;
  }
}
