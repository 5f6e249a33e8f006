/**
 * A query result that follows its inputs: `new Loaded(() => q.something(a, b))` created
 * during a component's setup runs the query, and runs it again whenever a reactive value
 * it read *before its first await* changes (so pass the inputs as arguments, as above).
 * The last value stays visible while a newer query runs (no flicker), and a result that
 * arrives after a newer query started is dropped.
 */
export class Loaded<T> {
  value: T | undefined = $state(undefined);
  error: string | null = $state(null);
  pending = $state(true);

  constructor(run: () => Promise<T>) {
    $effect(() => {
      let live = true;
      this.pending = true;
      let p: Promise<T>;
      try {
        p = run();
      } catch (e) {
        p = Promise.reject(e);
      }
      p.then(
        (v) => {
          if (!live) return;
          this.value = v;
          this.error = null;
          this.pending = false;
        },
        (e: unknown) => {
          if (!live) return;
          this.error = e instanceof Error ? e.message : String(e);
          this.pending = false;
        }
      );
      return () => {
        live = false;
      };
    });
  }
}
