// Runs in every test worker before the test file: quiet, test-mode configuration.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
