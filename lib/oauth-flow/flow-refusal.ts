import type { FlowResult } from "./flow-result";

/**
 * An expected end of a flow before anything was stored, carrying what the
 * result page says. Thrown deep inside a step, turned into a page by the caller.
 */
export class FlowRefusal extends Error {
  constructor(readonly result: FlowResult) {
    super(`authorization flow refused: ${result.outcome}`);
    this.name = "FlowRefusal";
  }
}
