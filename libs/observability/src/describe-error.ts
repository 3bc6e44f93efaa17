/** An error as log fields: JSON.stringify drops an Error's own fields, so they are copied out. */
export function describeError(error: unknown): Readonly<Record<string, unknown>> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
