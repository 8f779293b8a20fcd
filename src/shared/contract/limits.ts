/** The largest serialised input a call may carry across the boundary (bytes of JSON). */
export const maxInputBytes = 256 * 1024;
