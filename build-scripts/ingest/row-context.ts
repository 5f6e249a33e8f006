import type { Issue, RejectReason, WarningReason } from './issues';
import { shorten } from './issues';

/**
 * Collects what goes wrong while one input row is mapped, so adapters read as plain
 * field mappings and every problem carries file, row, line and field.
 */
export class RowContext {
  readonly rejections: Issue<RejectReason>[] = [];
  readonly warnings: Issue<WarningReason>[] = [];

  constructor(
    readonly file: string,
    readonly row: number,
    readonly line?: number
  ) {}

  reject(field: string | undefined, reason: RejectReason, message: string, value?: unknown): void {
    this.rejections.push(this.issue(field, reason, message, value));
  }

  warn(field: string | undefined, reason: WarningReason, message: string, value?: unknown): void {
    this.warnings.push(this.issue(field, reason, message, value));
  }

  get rejected(): boolean {
    return this.rejections.length > 0;
  }

  private issue<R extends RejectReason | WarningReason>(
    field: string | undefined,
    reason: R,
    message: string,
    value: unknown
  ): Issue<R> {
    const issue: Issue<R> = { file: this.file, row: this.row, reason, message };
    if (this.line !== undefined) issue.line = this.line;
    if (field !== undefined) issue.field = field;
    if (value !== undefined && value !== '') issue.value = shorten(value);
    return issue;
  }
}
