import { type ExecutionArgs, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from './metrics';
import { OperationNames } from './operation-names';

/**
 * Times each GraphQL operation (over HTTP and, through the same envelope, WebSocket) by its name
 * and type: never the query text, which is unbounded and may carry what people typed.
 */
export function useOperationMetrics(metrics: Metrics): Plugin {
  const names = new OperationNames();
  const labelsOf = ({ document, operationName }: Pick<ExecutionArgs, 'document' | 'operationName'>) => {
    const operation = getOperationAST(document, operationName);
    return { name: names.label(operation?.name?.value), type: operation?.operation ?? 'unknown' };
  };
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone() {
          const { name, type } = labelsOf(args);
          metrics.observeOperation(name, type, (performance.now() - started) / 1000);
        },
      };
    },
    onSubscribe({ args }) {
      const started = performance.now();
      return {
        onSubscribeResult() {
          const { name, type } = labelsOf(args);
          metrics.observeOperation(name, type, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
