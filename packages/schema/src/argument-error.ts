import { PothosValidationError } from '@pothos/core';

/** Pothos' own argument checks (a malformed or wrong-type global id, a negative page size): the input is at fault. */
export function isArgumentError(error: unknown): error is Error {
  return error instanceof PothosValidationError;
}
