/** A mistake in the command line: printed with the usage text. */
export class UsageError extends Error {}
