// An unexpected error is never silent: a test during which something logs
// console.error fails, naming what was logged.
const logged: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  logged.length = 0;
  console.error = (...args: unknown[]) => {
    logged.push(args);
    original(...args);
  };
});

afterEach(() => {
  console.error = original;
  if (logged.length > 0) {
    const first = logged[0].map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    throw new Error(`console.error was called ${logged.length} time(s) during this test; first: ${first}`);
  }
});
