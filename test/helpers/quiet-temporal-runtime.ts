import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log only warnings and errors; each test file has its own module registry, so its own Runtime.
Runtime.install({ logger: new DefaultLogger('WARN') });
