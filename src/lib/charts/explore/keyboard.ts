/**
 * Roving focus for the bars of a chart: the chart is one tab stop; arrow keys, Home and End
 * move between bars, Enter and Space toggle the focused bar.
 */
export function rovingKey(e: KeyboardEvent, index: number, count: number, toggle: () => void): number | null {
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      e.preventDefault();
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      e.preventDefault();
      return Math.max(0, index - 1);
    case 'Home':
      e.preventDefault();
      return 0;
    case 'End':
      e.preventDefault();
      return count - 1;
    case 'Enter':
    case ' ':
      e.preventDefault();
      toggle();
      return index;
    default:
      return null;
  }
}

export interface ChartBar {
  key: string | number;
  /** Short axis label. */
  label: string;
  /** Full accessible label, e.g. "1990s". */
  name?: string;
  value: number;
  selected: boolean;
}
