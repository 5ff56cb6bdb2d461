// Which of the test's own steps was running at a given moment. Browser events (console messages,
// requests, downloads) can reach us after the step that caused them has ended; their timestamps
// say when they really happened.
export class StepClock {
  private readonly starts: { at: number; step: number | null }[] = []
  /** The step running now (null before the first). */
  current: number | null = null

  /** `null`: none of the test's own steps (a suite's set-up or tear-down step runs). */
  start(step: number | null): void {
    this.current = step
    this.starts.push({ at: Date.now(), step })
  }

  /** The step that was running at `epochMs` (null before the first step began). */
  at(epochMs: number): number | null {
    for (let i = this.starts.length - 1; i >= 0; i--) if (this.starts[i].at <= epochMs) return this.starts[i].step
    return null
  }
}
