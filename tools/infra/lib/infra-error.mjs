/** An expected failure with a message meant for humans (no stack trace needed). */
export class InfraError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InfraError';
  }
}
