// The pooling lives in src/lib/core so the browser's query worker runs the very same code.
export { meanPoolNormalize } from '../../src/lib/core/pooling';
