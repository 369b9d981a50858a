/** The label of an operation without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** The label of operations past MAX_OPERATION_NAMES: clients choose names, series must stay bounded. */
export const OTHER_OPERATION = 'other';
const MAX_OPERATION_NAMES = 500;

/** Operation names as metric labels: at most MAX_OPERATION_NAMES distinct ones, then OTHER_OPERATION. */
export class OperationNames {
  private readonly seen = new Set<string>();

  label(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_OPERATION_NAMES) return OTHER_OPERATION;
    this.seen.add(name);
    return name;
  }
}
