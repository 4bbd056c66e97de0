/** A step's failure with a code the run history shows (the engine maps other errors too). */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "StepError";
  }
}
