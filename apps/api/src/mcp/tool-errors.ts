import { DomainError, InvalidInputError } from '@atelier/domain';
import { isArgumentError } from '@atelier/schema';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isServiceUnavailable } from '../http/service-unavailable';
import type { Logger } from '../logger';

/** What a model reads when a tool refuses: a code it can branch on, the field at fault, and what to change. */
export interface ToolFailure {
  code: string;
  message: string;
  field?: string;
  retryable: boolean;
  details?: Record<string, unknown>;
}

/** A tool result with `isError: true` for an expected failure; anything unexpected is masked, never a stack. */
export function toolFailure(error: unknown, logger: Logger): CallToolResult {
  const failure = describe(error);
  if (failure.code === 'INTERNAL') logger.error({ err: error }, 'MCP tool failed');
  return {
    isError: true,
    content: [{ type: 'text', text: `${failure.code}: ${failure.message}` }],
    structuredContent: { error: failure },
  };
}

/** A refusal raised by a tool itself (a missing scope, an unknown id, too many calls). */
export class ToolRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly options: { retryable?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message);
  }
}

function describe(error: unknown): ToolFailure {
  if (error instanceof ToolRefusal) {
    return {
      code: error.code,
      message: error.message,
      ...(error.field && { field: error.field }),
      retryable: error.options.retryable ?? false,
      ...(error.options.details && { details: error.options.details }),
    };
  }
  if (error instanceof DomainError) {
    const field =
      error instanceof InvalidInputError
        ? error.issues[0]?.path.filter((part) => part !== 'input').join('.')
        : (error.details.field as string | undefined);
    return {
      code: error.code,
      message: error.message,
      ...(field && { field }),
      retryable: error.retryable,
      ...(Object.keys(error.details).length > 0 && { details: error.details }),
    };
  }
  if (isArgumentError(error)) return { code: 'INVALID_INPUT', message: error.message, retryable: false };
  if (isServiceUnavailable(error)) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: 'Atelier cannot reach its database for a moment; call the tool again in a few seconds.',
      retryable: true,
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Atelier could not finish this call; it has been logged.',
    retryable: true,
  };
}
