/**
 * Prints the run's totals as one plain line, `tests: N passed, N failed, N skipped`,
 * which CI reads whatever the runner. It also makes a failed run exit non-zero: with
 * the integration project's global teardown and `forceExit`, Jest 29 was seen to exit 0
 * after failed tests, and CI judges by the exit code. Node honours an exitCode set in
 * an 'exit' listener, even after process.exit(0).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    if (failed > 0 || results.wasInterrupted) {
      process.on('exit', () => {
        process.exitCode = 1;
      });
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
