import type { CheckResult } from './check';
import { Check } from './check';
import { RunLimit } from './request-gate';

/** What a step tells its flow: go on, or stop (the steps after it cannot run). */
export type StepEnd = 'continue' | 'stop';

/**
 * A sequence of checks on one thing (a job, a probe). A step that runs out of time or requests is skipped, and so
 * are the steps after it; a step that stops the flow (or whose request got no reply) ends it too.
 */
export class Flow {
  readonly results: CheckResult[] = [];
  private stopped: string | undefined;

  constructor(private readonly label: string) {}

  /** Runs one step as a check named `<label>: <name>` (`<name>` without a label); false when the flow cannot go on. */
  async step(name: string, body: (check: Check) => Promise<StepEnd | void>): Promise<boolean> {
    const check = new Check(this.named(name));
    if (this.stopped !== undefined) {
      this.results.push(check.skipped(this.stopped));
      return false;
    }
    try {
      const end = await body(check);
      this.results.push(check.result());
      if (end === 'stop') this.stopped = `${name} did not leave a job to go on with`;
    } catch (error) {
      if (error instanceof RunLimit) {
        this.results.push(check.skipped(error.message));
        this.stopped = error.message;
      } else {
        check.fail('request', error instanceof Error ? error.message : String(error));
        this.results.push(check.result());
        this.stopped = `${name} got no reply`;
      }
    }
    return this.stopped === undefined;
  }

  /** Records a check that cannot run at all, and why. */
  skip(name: string, reason: string): void {
    this.results.push(new Check(this.named(name)).skipped(reason));
  }

  private named(name: string): string {
    return this.label ? `${this.label}: ${name}` : name;
  }
}
