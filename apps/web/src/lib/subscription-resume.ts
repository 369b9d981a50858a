import type {
  DefinitionNode,
  DocumentNode,
  FieldNode,
  OperationDefinitionNode,
  SelectionNode,
  ValueNode,
  VariableNode,
} from 'graphql';

// Kinds as plain strings: graphql's Kind enum would put graphql's AST module in the first load.
const isSubscription = (node: DefinitionNode): node is OperationDefinitionNode =>
  (node.kind as string) === 'OperationDefinition' &&
  ((node as OperationDefinitionNode).operation as string) === 'subscription';
const isField = (node: SelectionNode): node is FieldNode => (node.kind as string) === 'Field';
const isVariable = (node: ValueNode | undefined): node is VariableNode =>
  (node?.kind as string) === 'Variable';

type Variables = Record<string, unknown>;

/** How one subscription field's argument moves on as the field's results arrive. */
interface ResumeRule {
  /** The argument that tells the server where to start. */
  argument: string;
  /** Where to start from once `value` (one result of the field) has arrived; `from` is where it was. */
  advance: (from: unknown, value: Record<string, unknown>) => unknown;
}

function largerNumber(from: unknown, candidate: unknown): unknown {
  if (typeof candidate !== 'number') return from;
  return typeof from === 'number' && from >= candidate ? from : candidate;
}

function laterTime(from: unknown, candidate: unknown): unknown {
  if (typeof candidate !== 'string' || Number.isNaN(Date.parse(candidate))) return from;
  return typeof from === 'string' && Date.parse(from) >= Date.parse(candidate) ? from : candidate;
}

/** Per subscription field: the argument that lets a resubscription skip what was already received. */
const RESUME_RULES: Record<string, ResumeRule> = {
  // The server skips states with seq <= afterSeq.
  jobUpdated: { argument: 'afterSeq', advance: (from, job) => largerNumber(from, job.seq) },
  // The server first sends the images made after `since`.
  imageAdded: { argument: 'since', advance: (from, image) => laterTime(from, image.createdAt) },
};

/** A top-level field of a subscription whose argument comes from `variable` and follows `rule`. */
interface ResumableField {
  responseKey: string;
  variable: string;
  rule: ResumeRule;
}

function resumableFields(document: DocumentNode): ResumableField[] {
  const found: ResumableField[] = [];
  const subscriptions = document.definitions.filter(isSubscription);
  for (const definition of subscriptions) {
    for (const selection of definition.selectionSet.selections) {
      if (!isField(selection)) continue;
      const rule = RESUME_RULES[selection.name.value];
      const argument = selection.arguments?.find((arg) => arg.name.value === rule?.argument);
      // Only an argument passed as a variable can be moved on without rewriting the document.
      if (!rule || !argument || !isVariable(argument.value)) continue;
      found.push({
        responseKey: selection.alias?.value ?? selection.name.value,
        variable: argument.value.name.value,
        rule,
      });
    }
  }
  return found;
}

function advanced(fields: readonly ResumableField[], variables: Variables, data: unknown): Variables {
  if (!data || typeof data !== 'object') return variables;
  let next = variables;
  for (const { responseKey, variable, rule } of fields) {
    const value = (data as Record<string, unknown>)[responseKey];
    if (!value || typeof value !== 'object') continue;
    const moved = rule.advance(next[variable], value as Record<string, unknown>);
    if (moved !== next[variable]) next = { ...next, [variable]: moved };
  }
  return next;
}

/** What graphql-ws sends to subscribe; it sends the same object again on every reconnect. */
export interface SubscribePayload {
  query: string;
  variables?: Variables;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

export interface ResumablePayload {
  /** Hand this object to graphql-ws: its `variables` always say where to resume from. */
  payload: SubscribePayload;
  /** Moves `payload.variables` on from one result's data. */
  received: (data: unknown) => void;
}

/**
 * graphql-ws resubscribes after a reconnect by sending again the payload object it was given, read
 * at that moment. So the payload of a subscription moves its resume argument on with every result
 * (by the rule for its field), and a reconnect resumes from the last state received rather than
 * from where the subscription started.
 */
export function resumablePayload(request: SubscribePayload, document: DocumentNode): ResumablePayload {
  const fields = resumableFields(document);
  const payload: SubscribePayload = { ...request, variables: request.variables ?? {} };
  return {
    payload,
    received: (data) => {
      if (fields.length > 0) payload.variables = advanced(fields, payload.variables ?? {}, data);
    },
  };
}
